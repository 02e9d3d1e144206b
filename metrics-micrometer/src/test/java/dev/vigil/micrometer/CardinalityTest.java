package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.VigilBuilder;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cardinality budgets through a real {@code PrometheusMeterRegistry}, asserted on the scrape text, which
 * {@code promtool check metrics} must also accept: the overflow series (only {@code otel_metric_overflow})
 * sits beside the regular series of the same name, which Micrometer's Prometheus registry allows.
 *
 * <p>Heap is measured as used heap after {@link System#gc()}, asked again (at most 10 times) until two
 * readings agree within 256 KiB: no timing, and a bound wide enough for the collector's own noise.
 */
class CardinalityTest {
    private static final int IDS = 1_000_000;
    private static final int WARM = 100_000;
    // Descriptions, so that the scrape has the help text promtool asks for; Vigil's own meters carry theirs.
    private static final String LOGINS = "logins per user";
    private static final String SESSIONS = "active sessions per user";

    private PrometheusMeterRegistry registry;
    private Vigil vigil;

    private Vigil vigil(String... properties) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VigilBuilder b = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).build());
        for (int i = 0; i < properties.length; i += 2) {
            b.property(properties[i], properties[i + 1]);
        }
        vigil = b.build();
        return vigil;
    }

    @AfterEach
    void tearDown() {
        if (vigil != null) {
            vigil.close();
            registry.close();
        }
    }

    @Test
    void aMillionUserIdsThroughOneCounterMakeAtMost2001SeriesWithAnExactSum() throws Exception {
        Vigil v = vigil();
        for (int i = 0; i < WARM; i++) {
            v.kpi("logins").description(LOGINS).tag("user", "u" + i).increment();
        }
        long before = usedHeapAfterGc();
        for (int i = WARM; i < IDS; i++) {
            v.kpi("logins").description(LOGINS).tag("user", "u" + i).increment();
        }
        long growth = usedHeapAfterGc() - before;

        String scrape = registry.scrape();
        List<String> series = Scrapes.lines(scrape, "logins_total{");
        assertThat(series).hasSize(2001)
                .contains("logins_total{user=\"u0\"} 1.0", "logins_total{otel_metric_overflow=\"true\"} 998000.0");
        assertThat(sum(series)).isEqualTo(IDS);
        assertThat(scrape).containsOnlyOnce("# TYPE logins_total counter")
                .contains("vigil_metrics_overflow_total{metric=\"logins\"} 998000.0");
        // 900,000 more ids past the budget leave nothing behind: one byte each would already be 900 KB.
        assertThat(growth).as("heap growth over 900,000 folded ids, bytes").isLessThan(512 * 1024);
        Promtool.assertClean(scrape);
    }

    @Test
    void aMillionUserIdsThroughOneGaugeMakeAtMost2001SeriesWithAnExactSum() throws Exception {
        Vigil v = vigil();
        AtomicInteger[] sessions = new AtomicInteger[IDS];
        for (int i = 0; i < IDS; i++) {
            sessions[i] = new AtomicInteger(1);
        }
        for (int i = 0; i < WARM; i++) {
            v.kpi("sessions.active").description(SESSIONS).tag("user", "u" + i).gauge(sessions[i], AtomicInteger::get);
        }
        long before = usedHeapAfterGc();
        for (int i = WARM; i < IDS; i++) {
            v.kpi("sessions.active").description(SESSIONS).tag("user", "u" + i).gauge(sessions[i], AtomicInteger::get);
        }
        long growth = usedHeapAfterGc() - before;

        String scrape = registry.scrape();
        List<String> series = Scrapes.lines(scrape, "sessions_active{");
        assertThat(series).hasSize(2001)
                .contains("sessions_active{user=\"u0\"} 1.0", "sessions_active{otel_metric_overflow=\"true\"} 998000.0");
        assertThat(sum(series)).isEqualTo(IDS);
        assertThat(scrape).contains("vigil_metrics_overflow_total{metric=\"sessions.active\"} 998000.0");
        // A folded gauge keeps its object weakly: one 40-byte member each, where a registered gauge costs ~1 KB.
        assertThat(growth / (double) (IDS - WARM)).as("heap growth per folded gauge, bytes").isLessThan(64);
        Promtool.assertClean(scrape);

        // The members follow the objects: once the application drops the last 900,000, a read lets them go
        // and the overflow reads the 98,000 folded objects still alive.
        for (int i = WARM; i < IDS; i++) {
            sessions[i] = null;
        }
        String alive = "sessions_active{otel_metric_overflow=\"true\"} 98000.0";
        String after = "";
        for (int i = 0; i < 10 && !after.contains(alive); i++) {
            System.gc();
            after = registry.scrape();
        }
        assertThat(after).contains(alive);
        // Cleared weak members are purged on the next read, and a collection may leave some for the next one:
        // measure again after a read, a bounded number of times.
        long retained = usedHeapAfterGc() - before;
        for (int i = 0; i < 10 && retained >= 1024 * 1024; i++) {
            registry.scrape();
            retained = usedHeapAfterGc() - before;
        }
        assertThat(retained).as("heap after the folded objects were dropped").isLessThan(1024 * 1024);
        Reference.reachabilityFence(sessions);
    }

    @Test
    void fiftyThousandNamesMakeAtMostTenThousand() throws Exception {
        Vigil v = vigil();
        for (int i = 0; i < 50_000; i++) {
            v.kpi("generated.n" + i).description("one of many names").increment();
        }
        String scrape = registry.scrape();
        assertThat(Scrapes.lines(scrape, "generated_n")).hasSize(10_000);
        assertThat(scrape).contains("generated_n9999_total 1.0").doesNotContain("generated_n10000_total")
                .contains("vigil_metrics_refused_total 40000.0");
        Promtool.assertClean(scrape);
    }

    @Test
    void theBudgetHoldsAndSumsStayExactUnderConcurrency() throws Exception {
        Vigil v = vigil();
        int threads = 4;
        int perThread = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Half the ids are shared, so threads race to create the same new series near the budget.
                        String id = i % 2 == 0 ? "s" + i : "t" + thread + "-" + i;
                        v.kpi("logins").description(LOGINS).tag("user", id).increment();
                        v.kpi("logins.time").description(LOGINS).tag("user", id).timer().recordNanos(1_000_000);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String scrape = registry.scrape();
        List<String> counters = Scrapes.lines(scrape, "logins_total{");
        assertThat(counters).hasSize(2001);
        assertThat(sum(counters)).isEqualTo(threads * perThread);
        List<String> timers = Scrapes.lines(scrape, "logins_time_seconds_count{");
        assertThat(timers).hasSize(2001);
        assertThat(sum(timers)).isEqualTo(threads * perThread);
        Promtool.assertClean(scrape);
    }

    @Test
    void racingFirstFoldsAllLandInTheSeriesTheRegistryReads() throws Exception {
        Vigil v = vigil("vigil.metrics.max-tag-sets", "1");
        int threads = 4;
        int names = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String user = "t" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < names; n++) {
                        // Every thread's first recording of a name races the others to create its overflow.
                        v.kpi("race.n" + n).description("race").tag("user", user).increment();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String scrape = registry.scrape();
        for (int n = 0; n < names; n++) {
            List<String> series = Scrapes.lines(scrape, "race_n" + n + "_total{");
            assertThat(series).as("race.n%d", n).hasSize(2);
            assertThat(sum(series)).as("race.n%d", n).isEqualTo(threads);
            assertThat(scrape).contains("vigil_metrics_overflow_total{metric=\"race.n" + n + "\"} 3.0");
        }
        Promtool.assertClean(scrape);
    }

    @Test
    void overflowSeriesOfEveryInstrumentPassPromtoolBesideTheRegularOnes() throws Exception {
        Vigil v = vigil("vigil.metrics.max-tag-sets", "2");
        for (int i = 0; i < 5; i++) {
            String plan = "p" + i;
            v.kpi("shop.checkout").description("checkouts").tag("plan", plan).tag("region", "eu").time(() -> { });
            v.kpi("cart.items").description("items per cart").tag("plan", plan).record(i);
            v.kpi("upload.size").description("upload sizes").unit("By").buckets(100, 1000).tag("plan", plan).record(512);
            v.kpi("orders.revenue").description("revenue").unit("usd").tag("plan", plan).add(10);
            v.kpi("queue.depth").description("queue depth").tag("queue", plan).gauge(new AtomicInteger(i), AtomicInteger::get);
            try {
                v.kpi("shop.pay").description("payments").tag("plan", plan).time((Runnable) () -> {
                    throw new IllegalStateException();
                });
            } catch (IllegalStateException expected) {
                // p0 takes both tag sets (its timer is resolved before the work fails); p1 to p4 fold: 4
            }
        }
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("shop_checkout_seconds_count{plan=\"p0\",region=\"eu\"} 1")
                .contains("shop_checkout_seconds_count{otel_metric_overflow=\"true\"} 3")
                .contains("shop_checkout_seconds_bucket{otel_metric_overflow=\"true\",le=\"+Inf\"} 3")
                .contains("cart_items_count{otel_metric_overflow=\"true\"} 3")
                .contains("upload_size_bytes_bucket{otel_metric_overflow=\"true\",le=\"1000.0\"} 3")
                .contains("orders_revenue_usd_total{otel_metric_overflow=\"true\"} 30.0")
                .contains("shop_pay_seconds_count{error_type=\"java.lang.IllegalStateException\",plan=\"p0\"} 1")
                .contains("shop_pay_seconds_count{otel_metric_overflow=\"true\"} 4")
                .contains("vigil_metrics_overflow_total{metric=\"shop.checkout\"} 3.0");
        // The gauges' objects are unreferenced: the overflow reads what is still alive, never more than 2+3+4.
        assertThat(Scrapes.lines(scrape, "queue_depth{")).hasSize(3);
        Promtool.assertClean(scrape);
    }

    private static long sum(List<String> lines) {
        double total = 0;
        for (String line : lines) {
            total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return (long) total;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MIN_VALUE;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - previous) < 256 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
