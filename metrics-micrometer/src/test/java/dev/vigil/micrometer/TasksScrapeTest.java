package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Task;
import dev.vigil.Vigil;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tasks through {@code vigil.tasks().executor(...)}, asserted on the real Prometheus scrape. */
class TasksScrapeTest {
    private static final int TASKS = 10_000;

    @Test
    void tenThousandTasksSomeFailingGiveExactCountsByStatusAndAPopulatedWaitHistogram() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).build()).build()) {
            ExecutorService pool = vigil.tasks().executor("emails", Executors.newFixedThreadPool(4));
            AtomicInteger ran = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>(TASKS);
            int failing = 0;
            for (int i = 0; i < TASKS; i++) {
                boolean fail = i % 7 == 0;
                failing += fail ? 1 : 0;
                futures.add(pool.submit(Task.named("send-receipt", () -> {
                    ran.incrementAndGet();
                    if (fail) {
                        throw new IllegalStateException("smtp down");
                    }
                })));
            }
            Future<String> unnamed = pool.submit(() -> "done");
            int failures = 0;
            for (Future<?> f : futures) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures++;
                }
            }
            assertThat(unnamed.get(30, TimeUnit.SECONDS)).isEqualTo("done");
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> pool.execute(Task.named("send-receipt", () -> { })))
                    .isInstanceOf(RejectedExecutionException.class);

            String text = registry.scrape();

            assertThat(ran).hasValue(TASKS);
            assertThat(failures).isEqualTo(failing);
            assertThat(text).contains("task_duration_seconds_count{task_name=\"send-receipt\",task_queue=\"emails\","
                    + "task_status=\"success\"} " + (TASKS - failing));
            assertThat(text).contains("task_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
                    + "task_name=\"send-receipt\",task_queue=\"emails\",task_status=\"failure\"} " + failing);
            assertThat(text).contains("task_wait_duration_seconds_count{task_name=\"send-receipt\",task_queue=\"emails\"} "
                    + TASKS);
            assertThat(text).contains("task_wait_duration_seconds_bucket{task_name=\"send-receipt\",task_queue=\"emails\","
                    + "le=\"+Inf\"} " + TASKS);
            assertThat(Scrapes.lines(text, "task_wait_duration_seconds_sum{task_name=\"send-receipt\""))
                    .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                            .isPositive());
            // An unnamed task is named after its class: here a lambda of this test class.
            assertThat(text).contains("task_duration_seconds_count{task_name=\"TasksScrapeTest\",task_queue=\"emails\","
                    + "task_status=\"success\"} 1");
            assertThat(text).contains("task_queue_depth{task_queue=\"emails\"} 0.0")
                    .contains("task_active{task_queue=\"emails\"} 0.0")
                    .contains("task_rejected_total{task_name=\"send-receipt\",task_queue=\"emails\"} 1.0");
            PrometheusConformance.assertConforms(text, "task.duration", "task.wait.duration", "task.queue.depth",
                    "task.active", "task.rejected");
            Promtool.assertClean(text);
        }
    }
}
