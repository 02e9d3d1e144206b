package dev.vigil.internal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ConfigSource;
import dev.vigil.Slo;
import dev.vigil.Vigil;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeneratedRulesTest {
    /** Every family a service using every convention emits, as a scrape would show it. */
    static final String EVERY_DOMAIN = String.join("\n",
            "http_server_request_duration_seconds_count{service=\"shop\",http_route=\"/checkout\"} 1",
            "db_client_operation_duration_seconds_count{service=\"shop\"} 1",
            "db_client_connections{service=\"shop\"} 1",
            "db_client_connection_max{service=\"shop\"} 1",
            "task_duration_seconds_count{service=\"shop\"} 1",
            "task_queue_depth{service=\"shop\"} 1",
            "messaging_queue_depth{service=\"shop\"} 1",
            "messaging_consumer_lag{service=\"shop\"} 1",
            "auth_attempts_total{service=\"shop\"} 1",
            "cache_requests_total{service=\"shop\"} 1",
            "gen_ai_client_operation_duration_seconds_count{service=\"shop\"} 1",
            "gen_ai_budget_used_ratio{service=\"shop\"} 1",
            "vigil_logging_dropped_total{service=\"shop\"} 1",
            "vigil_dropped_total{service=\"shop\"} 1",
            "vigil_errors_dropped_total{service=\"shop\"} 1",
            "jvm_memory_used_bytes{service=\"shop\"} 1", "");

    private Vigil vigil;

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    private List<Slo> slos() {
        vigil = Vigil.builder().discoverBackends(false).configSource(ConfigSource.of(Map.of())).serviceName("shop").build();
        vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30)).onHttpRoute("/checkout");
        vigil.slo("checkout-latency").latency(0.95, Duration.ofMillis(500)).over(Duration.ofDays(30)).onHttpRoute("/checkout");
        vigil.slo("render-availability").availability(99.5).over(Duration.ofDays(28)).onTimer("invoice.render");
        return vigil.operations().slos();
    }

    @Test
    void dump() throws Exception {
        OperationsSettings settings = OperationsSettings.of(dev.vigil.VigilConfigAccess.config("shop"));
        GeneratedRules r = GeneratedRules.generate(settings,
                EmittedSeries.of(EVERY_DOMAIN, List.of(), List.of("micrometer"), "shop"), slos());
        java.nio.file.Path dir = java.nio.file.Path.of("target/ops-smoke");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("prometheus-rules.yml"), r.prometheusRules());
        java.nio.file.Files.writeString(dir.resolve("prometheus-rules.test.yml"), r.prometheusRulesTest());
        java.nio.file.Files.writeString(dir.resolve("alertmanager.yml"), r.alertmanager());
        assertThat(r.alertNames()).contains("ServiceDown");
    }
}
