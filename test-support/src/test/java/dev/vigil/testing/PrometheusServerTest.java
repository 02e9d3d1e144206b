package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real Prometheus against a loopback endpoint serving one counter, with one recording rule and one alert. */
class PrometheusServerTest {
    @Test
    @Timeout(60)
    void scrapesEvaluatesRulesAnswersQueriesAndStops(@TempDir Path tmp) throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        target.createContext("/metrics", ex -> {
            byte[] b = "# TYPE demo_requests_total counter\ndemo_requests_total{route=\"/a\"} 42\n"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        target.start();
        Path rules = tmp.resolve("rules.yml");
        Files.writeString(rules, "groups:\n  - name: demo\n    rules:\n"
                + "      - record: demo:requests:sum\n        expr: sum(demo_requests_total)\n"
                + "      - alert: DemoAlwaysOn\n        expr: demo_requests_total > 0\n        for: 1h\n");
        PrometheusServer prometheus = PrometheusServer.start(
                List.of("127.0.0.1:" + target.getAddress().getPort()), List.of(rules));
        try {
            prometheus.awaitTargetsUp(Duration.ofSeconds(20));
            assertThat(awaitValue(prometheus, "demo:requests:sum")).isEqualTo(42.0);
            assertThat(prometheus.query("demo_requests_total")).singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("route", "/a").containsEntry("job", "vigil"));
            assertThat(prometheus.query("scalar(demo:requests:sum)")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(42.0));
            assertThat(prometheus.rules()).singleElement()
                    .satisfies(g -> assertThat(MiniJson.at(g, "name")).isEqualTo("demo"));
            // "for: 1h" keeps the alert pending for the whole test.
            assertThat(awaitAlertState(prometheus)).isEqualTo("pending");
            assertThatThrownBy(() -> prometheus.query("sum(")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("bad_data");
        } finally {
            prometheus.close();
            target.stop(0);
        }
        assertThatThrownBy(() -> prometheus.query("up")).isInstanceOf(AssertionError.class);
    }

    @Test
    void theConfigScrapesEverySecondAndLoadsTheRules() {
        assertThat(PrometheusConfig.yaml("shop", List.of("127.0.0.1:1"), List.of("/tmp/r.yml")))
                .contains("scrape_interval: 1s", "evaluation_interval: 1s", "  - '/tmp/r.yml'",
                        "targets: ['127.0.0.1:1']", "job_name: 'shop'");
    }

    private static double awaitValue(PrometheusServer p, String promql) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<PrometheusServer.Sample> s = p.query(promql);
            if (!s.isEmpty()) {
                return s.get(0).value();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(promql + " returned nothing within 20 s");
    }

    private static Object awaitAlertState(PrometheusServer p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<?> alerts = p.alerts();
            if (!alerts.isEmpty()) {
                return MiniJson.at(alerts.get(0), "state");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no alert within 20 s");
    }
}
