package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.HealthCheck;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks with a timeout each, in parallel, and never started twice while one still runs. */
class HealthExecutorTest {
    private static final Function<HealthCheck, HealthResult> RUN = check -> {
        try {
            return check.check();
        } catch (Exception e) {
            return HealthResult.unhealthy(e.getClass().getName());
        }
    };
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHungChecks() {
        release.countDown();
    }

    @Test
    void aHungCheckIsReportedAtItsTimeoutAndNotStartedAgainWhileItRuns() throws Exception {
        HealthExecutor executor = new HealthExecutor(Duration.ofMillis(200));
        AtomicInteger runs = new AtomicInteger();
        HealthCheck hung = () -> {
            runs.incrementAndGet();
            release.await(30, TimeUnit.SECONDS);
            return HealthResult.healthy();
        };
        Map<String, HealthCheck> checks = Map.of("hung", hung);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Map<String, HealthResult> results = executor.runAll(checks, RUN).get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(results).containsEntry("hung", HealthResult.unhealthy("timed out after 200 ms"));
        }
        assertThat(runs).hasValue(1);

        release.countDown();
        // Once it returns, its result serves whoever asks next, and a later call runs it afresh.
        assertThat(executor.runAll(checks, RUN).get(5, TimeUnit.SECONDS)).containsEntry("hung", HealthResult.healthy());
    }

    @Test
    void checksRunInParallel() throws Exception {
        HealthExecutor executor = new HealthExecutor(Duration.ofSeconds(5));
        CyclicBarrier allAtOnce = new CyclicBarrier(3);
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        for (String name : new String[] {"c", "a", "b"}) {
            checks.put(name, () -> {
                allAtOnce.await(5, TimeUnit.SECONDS);
                return HealthResult.degraded(name);
            });
        }
        Map<String, HealthResult> results = executor.runAll(checks, RUN).get(10, TimeUnit.SECONDS);
        assertThat(results).containsExactly(Map.entry("c", HealthResult.degraded("c")), Map.entry("a", HealthResult.degraded("a")),
                Map.entry("b", HealthResult.degraded("b")));
    }

    @Test
    void anErrorThatEscapesTheRunnerIsUnhealthyWithItsClassOnly() throws Exception {
        HealthExecutor executor = new HealthExecutor(Duration.ofSeconds(5));
        Map<String, HealthCheck> checks = Map.of("assert", () -> {
            throw new AssertionError("password=hunter2");
        });
        HealthResult r = executor.runAll(checks, RUN).get(5, TimeUnit.SECONDS).get("assert");
        assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(r.detail()).isEqualTo("java.lang.AssertionError");
    }

    @Test
    void noChecksIsAnEmptyResultAtOnce() {
        assertThat(new HealthExecutor(Duration.ofSeconds(1)).runAll(Map.of(), RUN).getNow(null)).isEmpty();
    }
}
