package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.KpiCounter;
import dev.vigil.Vigil;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Vigil core recording through MicrometerMetrics into a real PrometheusMeterRegistry, asserted on the scrape. */
class MicrometerMetricsTest {
    private static final List<String> CONVENTION_BUCKETS = List.of("0.005", "0.01", "0.025", "0.05", "0.075",
            "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "+Inf");

    private PrometheusMeterRegistry registry;
    private Vigil vigil;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).build()).build();
    }

    @AfterEach
    void tearDown() {
        vigil.close();
        registry.close();
    }

    @Test
    void counterRendersAsTotalWithItsTags() {
        vigil.kpi("orders.placed").tag("plan", "pro").description("Orders placed").increment();

        String scrape = registry.scrape();
        assertThat(scrape).contains("orders_placed_total{plan=\"pro\"} 1.0")
                .contains("# HELP orders_placed_total Orders placed");
    }

    @Test
    void counterWithAUnitCarriesItAsSuffix() {
        vigil.kpi("orders.revenue").unit("usd").tag("plan", "pro").add(49.0);
        vigil.kpi("orders.revenue").unit("usd").tag("plan", "pro").add(1.0);

        assertThat(registry.scrape()).contains("orders_revenue_usd_total{plan=\"pro\"} 50.0");
    }

    @Test
    void summaryRecordsCountAndSumWithoutHistogramUnlessAsked() {
        vigil.kpi("cart.items").record(3);
        vigil.kpi("cart.items").record(4);
        vigil.kpi("upload.size").unit("By").buckets(100, 1000).record(512);

        String scrape = registry.scrape();
        assertThat(scrape).contains("cart_items_count 2").contains("cart_items_sum 7.0")
                .doesNotContain("cart_items_bucket");
        assertThat(Scrapes.buckets(scrape, "upload_size_bytes_bucket", "")).containsExactly("100.0", "1000.0", "+Inf");
    }

    @Test
    void timerPublishesExactlyTheConventionBucketsInSeconds() {
        String pdf = vigil.kpi("invoice.render").tag("format", "pdf").time(() -> "pdf");

        String scrape = registry.scrape();
        assertThat(pdf).isEqualTo("pdf");
        assertThat(scrape).contains("# TYPE invoice_render_seconds histogram")
                .contains("invoice_render_seconds_bucket{format=\"pdf\",le=\"0.005\"} 1")
                .contains("invoice_render_seconds_count{format=\"pdf\"} 1");
        assertThat(Scrapes.buckets(scrape, "invoice_render_seconds_bucket", "format=\"pdf\""))
                .containsExactlyElementsOf(CONVENTION_BUCKETS);
    }

    @Test
    void perKpiBucketsOverrideTheDefault() {
        vigil.kpi("report.build").buckets(5, 0.1, 1).timer().record(java.time.Duration.ofMillis(300));

        String scrape = registry.scrape();
        assertThat(Scrapes.buckets(scrape, "report_build_seconds_bucket", ""))
                .containsExactly("0.1", "1.0", "5.0", "+Inf");
        assertThat(scrape).contains("report_build_seconds_bucket{le=\"0.1\"} 0")
                .contains("report_build_seconds_bucket{le=\"1.0\"} 1");
    }

    @Test
    void builderDefaultTimerBucketsApplyToTimersWithoutTheirOwn() {
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Vigil v = Vigil.builder().discoverBackends(false).metrics(MicrometerMetrics.builder(own)
                .jvmMetrics(false).defaultTimerBuckets(0.5, 2).build()).build()) {
            v.kpi("job.run").timer().recordNanos(TimeUnit.SECONDS.toNanos(1));
            assertThat(Scrapes.buckets(own.scrape(), "job_run_seconds_bucket", "")).containsExactly("0.5", "2.0", "+Inf");
        }
        assertThatThrownBy(() -> MicrometerMetrics.builder(own).defaultTimerBuckets(0.1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void invalidBucketsAreAWarningNoOpNotAnException() {
        vigil.kpi("bad.buckets").buckets(Double.NaN).time(() -> { });

        assertThat(registry.scrape()).doesNotContain("bad_buckets");
    }

    @Test
    void failedWorkIsRecordedWithErrorTypeNextToTheSuccessSeries() {
        IllegalStateException failure = new IllegalStateException("boom");
        vigil.kpi("x").tag("plan", "pro").time(() -> { });

        assertThatThrownBy(() -> vigil.kpi("x").tag("plan", "pro").time(() -> {
            throw failure;
        })).isSameAs(failure);

        String scrape = registry.scrape();
        assertThat(scrape).contains("x_seconds_count{plan=\"pro\"} 1")
                .contains("x_seconds_count{error_type=\"java.lang.IllegalStateException\",plan=\"pro\"} 1");
    }

    @Test
    void differentTagKeySetsOnOneNameWorkInEitherOrder() {
        // The failure series first this time: the registry must accept the smaller key set afterwards.
        assertThatThrownBy(() -> vigil.kpi("shop.checkout").tag("plan", "free").time((Runnable) () -> {
            throw new IllegalArgumentException();
        })).isInstanceOf(IllegalArgumentException.class);
        vigil.kpi("shop.checkout").tag("plan", "free").time(() -> { });
        vigil.kpi("shop.orders").tag("plan", "free").tag("error.type", "timeout").increment();
        vigil.kpi("shop.orders").tag("plan", "free").increment();

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("shop_checkout_seconds_count{error_type=\"java.lang.IllegalArgumentException\",plan=\"free\"} 1")
                .contains("shop_checkout_seconds_count{plan=\"free\"} 1")
                .contains("shop_orders_total{error_type=\"timeout\",plan=\"free\"} 1.0")
                .contains("shop_orders_total{plan=\"free\"} 1.0");
    }

    @Test
    void gaugeReadsItsObjectAndHoldsItWeakly() throws InterruptedException {
        WeakReference<AtomicInteger> ref = registerQueueGauge();
        assertThat(registry.scrape()).contains("queue_depth_requests 7.0");

        // System.gc() is only a request: it is retried, for at most 10 s, until the weak reference is cleared.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int attempts = 0;
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            attempts++;
            Thread.sleep(10);
        }
        assertThat(ref.get()).as("the gauge must not keep its object alive (still reachable after %d System.gc()"
                + " requests in 10 s)", attempts).isNull();
        assertThat(registry.scrape()).contains("queue_depth_requests NaN");
    }

    /** In its own frame, so that no local variable of the test keeps the object reachable. */
    private WeakReference<AtomicInteger> registerQueueGauge() {
        AtomicInteger depth = vigil.kpi("queue.depth").unit("requests").gauge(new AtomicInteger(7), AtomicInteger::get);
        return new WeakReference<>(depth);
    }

    @Test
    void gaugeCallbackThatThrowsReadsAsNaN() {
        Object state = new Object();
        vigil.kpi("pool.size").gauge(state, s -> {
            throw new IllegalStateException("broken");
        });

        assertThat(registry.scrape()).contains("pool_size NaN");
        assertThat(state).isNotNull();
    }

    @Test
    void typeConflictOnOneNameDoesNotThrow() {
        vigil.kpi("conflict").increment();
        vigil.kpi("conflict").time(() -> { });
        vigil.kpi("conflict").record(1);

        String scrape = registry.scrape();
        assertThat(scrape).contains("conflict_total 1.0").doesNotContain("conflict_seconds");
    }

    @Test
    void preBoundCounterRecordsAndStopsAfterClose() {
        KpiCounter counter = vigil.kpi("orders.placed").tag("plan", "pro").counter();
        counter.increment();
        counter.add(2);
        assertThat(registry.scrape()).contains("orders_placed_total{plan=\"pro\"} 3.0");

        vigil.close();
        counter.increment();
        vigil.kpi("orders.placed").tag("plan", "pro").increment();
        vigil.kpi("after.close").record(1);
        vigil.kpi("after.close.gauge").gauge(new Object(), o -> 1);

        String scrape = registry.scrape();
        assertThat(scrape).contains("orders_placed_total{plan=\"pro\"} 3.0").doesNotContain("after_close");
        assertThat(registry.isClosed()).as("a user's registry stays open").isFalse();
    }

    @Test
    void userRegistryGetsNoCommonTagsUnlessAsked() {
        vigil.kpi("plain").increment();
        assertThat(registry.scrape()).contains("plain_total 1.0").doesNotContain("service=");

        PrometheusMeterRegistry tagged = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Vigil v = Vigil.builder().discoverBackends(false).serviceName("shop").environment("dev")
                .metrics(MicrometerMetrics.builder(tagged).jvmMetrics(false).commonTags(true).build()).build()) {
            v.kpi("tagged").increment();
            assertThat(tagged.scrape()).contains("tagged_total{env=\"dev\",service=\"shop\"} 1.0");
        } finally {
            tagged.close();
        }
    }
}
