package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ScrapeSource;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded endpoint over real HTTP: /health JSON and status codes, /metrics from the scrape source, 404. */
class ManagementServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Vigil vigil;

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAggregatesTheWorstCheck() throws Exception {
        vigil = HealthBodies.ownChecksOnly(Vigil.builder().discoverBackends(false).managementPort(0).build());
        assertThat(vigil.managementPort()).isPositive();
        HttpResponse<String> empty = get("/health");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).startsWith("{\"status\":\"healthy\",");
        assertThat(HealthBodies.components(empty.body())).isEqualTo("{}");
        assertThat(empty.headers().firstValue("Content-Type")).hasValue("application/json");

        AtomicReference<HealthResult> db = new AtomicReference<>(HealthResult.healthy());
        vigil.health().register("db", db::get).register("cache", () -> HealthResult.degraded("cold \"cache\""));
        HttpResponse<String> degraded = get("/health");
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(degraded.body()).startsWith("{\"status\":\"degraded\",");
        assertThat(HealthBodies.components(degraded.body())).isEqualTo("{"
                + "\"cache\":{\"status\":\"degraded\",\"details\":{\"message\":\"cold \\\"cache\\\"\"}},"
                + "\"db\":{\"status\":\"healthy\",\"details\":{}}}");

        vigil.health().register("broken", () -> {
            throw new IllegalStateException("password=hunter2");
        });
        HttpResponse<String> unhealthy = get("/health");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.body()).startsWith("{\"status\":\"unhealthy\"")
                .contains("\"broken\":{\"status\":\"unhealthy\",\"details\":{\"message\":\"java.lang.IllegalStateException\"}}")
                .doesNotContain("hunter2");
    }

    @Test
    void unknownPathsAre404AndWritesAre405() throws Exception {
        vigil = Vigil.builder().discoverBackends(false).managementPort(0).build();
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + "/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void metricsServesTheBackendScrape() throws Exception {
        InMemoryMetrics scraped = new InMemoryMetrics() {
            @Override
            public ScrapeSource scrapeSource() {
                return new ScrapeSource() {
                    @Override
                    public String contentType(String accept) {
                        return "text/plain; version=0.0.4; charset=utf-8";
                    }

                    @Override
                    public void scrape(String accept, java.io.OutputStream out) throws java.io.IOException {
                        out.write(("orders_placed_total " + sum("COUNTER orders.placed{}") + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                };
            }
        };
        vigil = Vigil.builder().discoverBackends(false).metrics(scraped).managementPort(0).build();
        vigil.kpi("orders.placed").increment();
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("orders_placed_total 1.0\n");
    }

    @Test
    void aPortInUseFailsInstallClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> Vigil.builder().discoverBackends(false).managementPort(taken.getLocalPort()).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("VIGIL_MANAGEMENT_PORT");
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        vigil = Vigil.builder().discoverBackends(false).managementPort(0).build();
        int port = vigil.managementPort();
        vigil.close();
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        vigil = null;
    }
}
