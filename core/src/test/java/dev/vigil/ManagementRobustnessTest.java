package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.internal.RawHttp;
import dev.vigil.spi.ScrapeSource;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The management endpoint under clients and checks that misbehave, over real loopback HTTP: stalled clients,
 * hung health checks, cheap HEAD and OPTIONS, and gzip. Every request carries the token, so a token in the
 * machine's environment changes nothing here.
 */
class ManagementRobustnessTest {
    private static final String TOKEN = "robust-token";
    private static final String SCRAPE = "orders_placed_total{plan=\"pro\"} 1.0\n".repeat(200);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger scrapes = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<RawHttp> stalled = new ArrayList<>();
    private Vigil vigil;

    @AfterEach
    void close() throws Exception {
        release.countDown();
        for (RawHttp c : stalled) {
            c.close();
        }
        if (vigil != null) {
            vigil.close();
        }
    }

    private Vigil start(String healthTimeoutMs) {
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
                        out.write(SCRAPE.getBytes(StandardCharsets.UTF_8));
                    }
                };
            }
        };
        return Vigil.builder().discoverBackends(false).metrics(metrics).managementPort(0).managementToken(TOKEN)
                .property(VigilConfig.MANAGEMENT_HOST, "127.0.0.1").property(VigilConfig.HEALTH_TIMEOUT_MS, healthTimeoutMs).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<String> timedGet(String path, Duration atMost) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("latency of " + path).isLessThan(atMost);
        return r;
    }

    private void stall(int clients) throws Exception {
        for (int i = 0; i < clients; i++) {
            stalled.add(new RawHttp(vigil.managementPort()).send("GET /metrics HTTP/1.1\r\nHost: x\r\n"));
        }
    }

    @Test
    void twentyStalledClientsDoNotDelayAScrapeOrHealth() throws Exception {
        vigil = start("2000");
        vigil.health().register("db", HealthResult::healthy);
        stall(20);
        for (int i = 0; i < 5; i++) {
            assertThat(timedGet("/metrics", Duration.ofSeconds(1)).body()).isEqualTo(SCRAPE);
            assertThat(timedGet("/health", Duration.ofSeconds(1)).statusCode()).isEqualTo(200);
            assertThat(timedGet("/health/ready", Duration.ofSeconds(1)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void moreStalledClientsThanConnectionSlotsStillLeaveRoomForAScrape() throws Exception {
        vigil = start("2000");
        stall(150);
        for (int i = 0; i < 3; i++) {
            assertThat(timedGet("/metrics", Duration.ofSeconds(1)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void hungChecksAnswerAtTheTimeoutRunOnceAndLeaveMetricsAlone() throws Exception {
        vigil = HealthBodies.ownChecksOnly(start("1500"));
        AtomicInteger runs = new AtomicInteger();
        HealthCheck hung = () -> {
            runs.incrementAndGet();
            release.await(30, TimeUnit.SECONDS);
            return HealthResult.healthy();
        };
        vigil.health().register("db", hung).register("cache", hung::check).register("disk", HealthResult::healthy);
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> healths = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            healths.add(http.sendAsync(request("/health").build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(timedGet("/metrics", Duration.ofSeconds(1)).body()).isEqualTo(SCRAPE);
        }
        assertThat(healths).as("the scrapes answered while /health still waited for its checks").noneMatch(CompletableFuture::isDone);
        for (CompletableFuture<HttpResponse<String>> f : healths) {
            HttpResponse<String> r = f.get(5, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).startsWith("{\"status\":\"unhealthy\",");
            assertThat(HealthBodies.components(r.body())).isEqualTo("{"
                    + "\"cache\":{\"status\":\"unhealthy\",\"details\":{\"message\":\"timed out after 1500 ms\"}},"
                    + "\"db\":{\"status\":\"unhealthy\",\"details\":{\"message\":\"timed out after 1500 ms\"}},"
                    + "\"disk\":{\"status\":\"healthy\",\"details\":{}}}");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500 + 1000));
        assertThat(runs).as("each hung check started once, not once per request").hasValue(2);
    }

    @Test
    void headAndOptionsAreCheapAndOtherMethodsGet405() throws Exception {
        vigil = start("2000");
        try (RawHttp c = new RawHttp(vigil.managementPort())) {
            String auth = "Authorization: Bearer " + TOKEN + "\r\n";
            RawHttp.Response head = c.send("HEAD /metrics HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n").read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).containsEntry("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .doesNotContainKey("content-length");
            assertThat(scrapes).as("HEAD /metrics renders no scrape").hasValue(0);

            RawHttp.Response headHealth = c.send("HEAD /health HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n").read(true);
            assertThat(headHealth.status()).isEqualTo(200);
            assertThat(Integer.parseInt(headHealth.headers().get("content-length"))).as("the length of the JSON a GET gets")
                    .isGreaterThan(100);

            RawHttp.Response options = c.send("OPTIONS /metrics HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(options.status()).isEqualTo(204);
            assertThat(options.headers()).containsEntry("allow", "GET, HEAD, OPTIONS").doesNotContainKey("content-length");

            for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "TRACE"}) {
                RawHttp.Response refused = c.send(method + " /health/live HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertThat(refused.status()).as(method).isEqualTo(405);
                assertThat(refused.headers()).containsEntry("allow", "GET, HEAD, OPTIONS");
            }
            assertThat(c.send("GET /metrics/ HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(404);
            RawHttp.Response plain = c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n").read(false);
            assertThat(plain.text()).isEqualTo(SCRAPE);
            assertThat(plain.headers()).containsEntry("content-length", Integer.toString(SCRAPE.length()));
        }
        HttpResponse<String> post = http.send(request("/metrics").POST(HttpRequest.BodyPublishers.ofString("x=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("a request with a body is answered, the body never read").isEqualTo(405);
    }

    @Test
    void gzipWhenTheScraperAsksForIt() throws Exception {
        vigil = start("2000");
        HttpResponse<byte[]> zipped = http.send(request("/metrics").header("Accept-Encoding", "gzip, deflate").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(zipped.body().length).isLessThan(SCRAPE.length() / 4);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(SCRAPE);
        }
        HttpResponse<byte[]> health = http.send(request("/health").header("Accept-Encoding", "GZIP;q=0.5").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(health.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("{\"status\":\"healthy\",").endsWith("}}");
        }
        for (String refused : new String[] {"gzip;q=0", "identity", "br, gzip ; q=0.000"}) {
            HttpResponse<String> plain = http.send(request("/metrics").header("Accept-Encoding", refused).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.headers().firstValue("Content-Encoding")).as(refused).isEmpty();
            assertThat(plain.body()).isEqualTo(SCRAPE);
        }
    }
}
