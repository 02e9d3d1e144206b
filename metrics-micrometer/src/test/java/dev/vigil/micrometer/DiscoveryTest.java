package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.VigilBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The zero-code path: ServiceLoader finds the provider, and the management server serves its scrape. */
class DiscoveryTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static VigilBuilder shop() {
        return Vigil.builder().serviceName("shop").environment("dev").managementPort(0);
    }

    private static HttpResponse<String> get(Vigil vigil, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + vigil.managementPort() + "/metrics")).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void providerIsDiscoveredAndServesJvmMetricsWithCommonTags() throws Exception {
        try (Vigil vigil = shop().build()) {
            assertThat(vigil.backendNames()).contains("micrometer");
            vigil.kpi("orders.placed").tag("plan", "pro").increment();

            HttpResponse<String> response = get(vigil, null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body())
                    .contains("orders_placed_total{env=\"dev\",plan=\"pro\",service=\"shop\"} 1.0")
                    .containsPattern("jvm_memory_used_bytes\\{area=\"heap\",env=\"dev\",id=\"[^\"]+\",service=\"shop\"}")
                    .contains("process_cpu_usage{env=\"dev\",service=\"shop\"}")
                    .contains("jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                            "process_uptime_seconds", "disk_free_bytes", "jvm_info", "jvm_available_processors",
                            "process_cpu_time_seconds_total")
                    .doesNotContain("# EOF");
        }
    }

    @Test
    void commonTagsCanBeSwitchedOff() throws Exception {
        try (Vigil vigil = shop().commonTags(false).build()) {
            vigil.kpi("orders.placed").tag("plan", "pro").increment();

            String body = get(vigil, null).body();

            assertThat(body).contains("orders_placed_total{plan=\"pro\"} 1.0", "jvm_memory_used_bytes")
                    .doesNotContain("service=\"shop\"", "env=\"dev\"");
        }
    }

    @Test
    void jvmMetricsCanBeSwitchedOff() throws Exception {
        try (Vigil vigil = shop().property(MicrometerBackendProvider.JVM_METRICS, "false").build()) {
            vigil.kpi("orders.placed").increment();

            assertThat(get(vigil, null).body()).contains("orders_placed_total")
                    .doesNotContain("jvm_memory_used_bytes", "process_cpu_usage");
        }
    }

    @Test
    void openMetricsWhenTheAcceptHeaderAsksForIt() throws Exception {
        try (Vigil vigil = shop().build()) {
            vigil.kpi("orders.placed").tag("plan", "pro").increment();

            HttpResponse<String> response = get(vigil, "application/openmetrics-text; version=1.0.0");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(response.body()).contains("# TYPE orders_placed counter")
                    .contains("orders_placed_total{env=\"dev\",plan=\"pro\",service=\"shop\"} 1.0")
                    .endsWith("# EOF\n");
        }
    }

    @Test
    void prometheusServerDefaultAcceptGetsOpenMetricsAndProtobufIsNotServed() throws Exception {
        try (Vigil vigil = shop().build()) {
            String prometheusDefault = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                    + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
            assertThat(get(vigil, prometheusDefault).body()).endsWith("# EOF\n");

            HttpResponse<String> protobuf = get(vigil, "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                    + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3");
            assertThat(protobuf.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(protobuf.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        }
    }

    @Test
    void invalidSettingFailsAtBuild() {
        assertThatThrownBy(() -> Vigil.builder().property(MicrometerBackendProvider.JVM_METRICS, "yes").build())
                .isInstanceOf(IllegalStateException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("vigil.metrics.jvm").hasMessageContaining("'yes'");
    }

    @Test
    void explicitBackendReplacesTheDiscoveredOne() throws Exception {
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Vigil vigil = shop().metrics(MicrometerMetrics.builder(own).jvmMetrics(false).build()).build()) {
            assertThat(vigil.backendNames()).containsExactly("micrometer");
            vigil.kpi("orders.placed").increment();

            assertThat(get(vigil, null).body()).isEqualTo(own.scrape()).contains("orders_placed_total 1.0");
        } finally {
            own.close();
        }
    }
}
