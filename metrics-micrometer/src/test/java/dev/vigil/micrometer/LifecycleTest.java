package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Registry ownership, scrape sources, binders and units: what the backend does besides recording. */
class LifecycleTest {
    @Test
    void ownedRegistryIsClosedWithVigilAndServesAScrape() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        assertThat(metrics.name()).isEqualTo("micrometer");
        assertThat(metrics.registry()).isInstanceOf(PrometheusMeterRegistry.class);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).serviceName("shop").metrics(metrics).build()) {
            vigil.kpi("orders.placed").increment();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.scrapeSource().scrape(null, out);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("orders_placed_total{service=\"shop\"} 1.0", "jvm_memory_used_bytes");
        }
        assertThat(metrics.registry().isClosed()).isTrue();
        metrics.close(Duration.ZERO);
    }

    @Test
    void userRegistryDefaultsToJvmMetricsWithoutCommonTagsAndStaysOpen() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).serviceName("shop")
                .metrics(MicrometerMetrics.of(registry)).build()) {
            vigil.kpi("orders.placed").increment();
            assertThat(registry.scrape()).contains("orders_placed_total 1.0", "jvm_memory_used_bytes{")
                    .doesNotContain("service=");
        }
        assertThat(registry.isClosed()).isFalse();
        registry.close();
    }

    @Test
    void jvmMetricsAlreadyBoundAreNotBoundAgain() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).metrics(MicrometerMetrics.of(registry)).build()) {
            assertThat(vigil.backendNames()).containsExactly("micrometer");
            assertThat(registry.scrape()).contains("jvm_memory_used_bytes").doesNotContain("jvm_gc_memory_allocated");
        } finally {
            registry.close();
        }
    }

    @Test
    void scrapeSourceOnlyForPrometheusRegistries() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        assertThat(MicrometerMetrics.of(simple).scrapeSource()).isNull();

        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry composite = new CompositeMeterRegistry().add(simple).add(prometheus);
        assertThat(MicrometerMetrics.of(composite).scrapeSource()).isNotNull();
        assertThat(MicrometerMetrics.of(prometheus).scrapeSource().contentType("application/openmetrics-text"))
                .isEqualTo(PrometheusScrape.OPENMETRICS_TEXT);
        assertThat(MicrometerMetrics.of(prometheus).scrapeSource().contentType(null)).isEqualTo(PrometheusScrape.PROMETHEUS_TEXT);
        composite.close();
        prometheus.close();
    }

    @Test
    void nonPrometheusRegistryRecordsToo() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        try (Vigil vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(simple).jvmMetrics(false).build()).build()) {
            vigil.kpi("orders.placed").tag("plan", "pro").add(2);
            vigil.kpi("invoice.render").time(() -> { });
            assertThat(simple.get("orders.placed").tag("plan", "pro").counter().count()).isEqualTo(2.0);
            assertThat(simple.get("invoice.render").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void unitsMapToPrometheusWords() {
        assertThat(Units.baseUnit("By")).isEqualTo("bytes");
        assertThat(Units.baseUnit("s")).isEqualTo("seconds");
        assertThat(Units.baseUnit("ms")).isEqualTo("milliseconds");
        assertThat(Units.baseUnit("usd")).isEqualTo("usd");
        assertThat(Units.baseUnit("{request}")).isNull();
        assertThat(Units.baseUnit("1")).isNull();
        assertThat(Units.baseUnit(null)).isNull();
    }
}
