package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations files: their settings, where they are written and how the management server serves them. */
class OperationsTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static VigilBuilder builder(Map<String, String> config) {
        return Vigil.builder().discoverBackends(false).configSource(ConfigSource.of(config)).serviceName("shop");
    }

    @Test
    void badOperationsSettingsFailTheBuildNamingTheKey() {
        assertThatThrownBy(() -> builder(Map.of("vigil.operations.apdex-t-ms", "300")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil.operations.apdex-t-ms=300 is not a bucket boundary");
        assertThatThrownBy(() -> builder(Map.of("vigil.operations.apdex-t-ms", "5000")).build())
                .hasMessageContaining("vigil.operations.apdex-t-ms");
        assertThatThrownBy(() -> builder(Map.of("vigil.operations.runbook-url", "https://wiki.acme.test/runbooks")).build())
                .hasMessageContaining("vigil.operations.runbook-url must be an http(s) URL template holding {alert}");
        assertThatThrownBy(() -> builder(Map.of("vigil.operations.http-p95-target-ms", "fast")).build())
                .hasMessageContaining("vigil.operations.http-p95-target-ms");
    }

    @Test
    void writeToWritesTheRulesTheirTestsAndTheRoutingWithTheConfiguredRunbookAndJob(@TempDir Path dir) throws Exception {
        try (Vigil vigil = builder(Map.of("vigil.operations.runbook-url", "https://wiki.acme.test/run/{alert}",
                "vigil.operations.scrape-job", "shop-prod")).build()) {
            vigil.operations().writeTo(dir.resolve("ops"));

            String rules = Files.readString(dir.resolve("ops/prometheus-rules.yml"));
            assertThat(rules).contains("expr: 'up{job=\"shop-prod\"} == 0'",
                    "runbook_url: 'https://wiki.acme.test/run/ServiceDown'");
            assertThat(rules).isEqualTo(vigil.operations().prometheusRules());
            assertThat(Files.readString(dir.resolve("ops/prometheus-rules.test.yml"))).contains("rule_files:\n  - prometheus-rules.yml");
            assertThat(Files.readString(dir.resolve("ops/alertmanager.yml"))).isEqualTo(vigil.operations().alertmanagerConfig())
                    .contains("receiver: 'pager'", "equal: ['alertname', 'service', 'slo']");
            assertThat(Files.readString(dir.resolve("ops/grafana-dashboard.json")))
                    .isEqualTo(vigil.operations().grafanaDashboard()).contains("\"uid\": \"vigil-shop\"");
        }
    }

    @Test
    void theManagementServerServesTheFilesWithTheTokenOfMetrics() throws Exception {
        try (Vigil vigil = builder(Map.of()).metrics(new InMemoryMetrics()).managementPort(0)
                .property(VigilConfig.MANAGEMENT_HOST, "127.0.0.1").managementToken("t0ken-for-ops").build()) {
            vigil.slo("checkout-availability").availability(99.9).onHttpRoute("/checkout");

            assertThat(get(vigil, "/operations/prometheus-rules.yml", null).statusCode()).isEqualTo(401);
            HttpResponse<String> rules = get(vigil, "/operations/prometheus-rules.yml", "Bearer t0ken-for-ops");
            assertThat(rules.statusCode()).isEqualTo(200);
            assertThat(rules.headers().firstValue("Content-Type")).hasValue("application/yaml; charset=utf-8");
            assertThat(rules.body()).isEqualTo(vigil.operations().prometheusRules())
                    .contains("- alert: 'SloErrorBudgetBurn1h'");
            HttpResponse<String> routing = get(vigil, "/operations/alertmanager.yml", "Bearer t0ken-for-ops");
            assertThat(routing.body()).isEqualTo(vigil.operations().alertmanagerConfig());
            assertThat(get(vigil, "/operations/grafana-dashboard.json", null).statusCode()).isEqualTo(401);
            HttpResponse<String> dashboard = get(vigil, "/operations/grafana-dashboard.json", "Bearer t0ken-for-ops");
            assertThat(dashboard.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            assertThat(dashboard.body()).isEqualTo(vigil.operations().grafanaDashboard())
                    .contains("\"title\": \"SLO budget\"", "slo:error_budget_remaining:ratio{slo=\\\"checkout-availability\\\"");
            assertThat(get(vigil, "/operations/nothing.yml", "Bearer t0ken-for-ops").statusCode()).isEqualTo(404);
            assertThat(get(vigil, "/operations/", "Bearer t0ken-for-ops").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(Vigil vigil, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
