package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ScrapeSource;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The management token: /metrics and /health need it, the probes stay open and show a status only. */
class ManagementTokenTest {
    private static final String TOKEN = "s3cr3t-t0ken_value.42";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger scrapes = new AtomicInteger();
    private Vigil vigil;

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    private Vigil start() {
        InMemoryMetrics metrics = new InMemoryMetrics() {
            @Override
            public ScrapeSource scrapeSource() {
                return new ScrapeSource() {
                    @Override
                    public String contentType(String accept) {
                        return "text/plain; version=0.0.4; charset=utf-8";
                    }

                    @Override
                    public void scrape(String accept, OutputStream out) throws java.io.IOException {
                        scrapes.incrementAndGet();
                        out.write("up 1\n".getBytes(StandardCharsets.UTF_8));
                    }
                };
            }
        };
        return Vigil.builder().discoverBackends(false).metrics(metrics).managementPort(0)
                .property(VigilConfig.MANAGEMENT_HOST, "127.0.0.1").managementToken(TOKEN).build();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + path))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAndHealthNeedTheToken() throws Exception {
        vigil = start();
        for (String path : new String[] {"/metrics", "/health"}) {
            for (String wrong : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                    "Basic " + TOKEN, TOKEN, "Bearer"}) {
                HttpResponse<String> denied = get(path, wrong);
                assertThat(denied.statusCode()).as(path + " with " + wrong).isEqualTo(401);
                assertThat(denied.body()).isEmpty();
                assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil\"");
            }
        }
        assertThat(scrapes).as("a refused scrape renders nothing").hasValue(0);

        HttpResponse<String> scrape = get("/metrics", "Bearer " + TOKEN);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).isEqualTo("up 1\n");
        assertThat(get("/metrics", "bearer   " + TOKEN).statusCode()).as("the scheme is case-insensitive").isEqualTo(200);
        HttpResponse<String> health = get("/health", "Bearer " + TOKEN);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"healthy\",").contains("\"components\":{");
    }

    @Test
    void theProbesStayOpenAndShowTheStatusOnly() throws Exception {
        vigil = start();
        vigil.health().register("db", () -> HealthResult.degraded("replica lag 4 s on db-7.internal"));
        HttpResponse<String> live = get("/health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"healthy\"}");
        assertThat(live.headers().firstValue("Content-Type")).hasValue("application/json");
        HttpResponse<String> ready = get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"degraded\"}");

        vigil.health().register("queue", () -> HealthResult.unhealthy("broker mq-3 refused"));
        HttpResponse<String> notReady = get("/health/ready", null);
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("{\"status\":\"unhealthy\"}");
        assertThat(get("/health/live", null).statusCode()).as("live only says the process answers").isEqualTo(200);
        assertThat(get("/health", "Bearer " + TOKEN).body()).contains("broker mq-3 refused", "replica lag");
    }

    @Test
    void aTokenThatCannotBeABearerCredentialFailsTheBuildWithoutShowingIt() {
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false)
                .property(VigilConfig.MANAGEMENT_TOKEN, "hunter2 with spaces").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vigil.management.token'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Vigil.builder().managementToken(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managementToken");
    }

    @Test
    void theHealthTimeoutIsValidatedAtBuild() {
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false).property(VigilConfig.HEALTH_TIMEOUT_MS, "0").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vigil.health.timeout-ms'");
    }
}
