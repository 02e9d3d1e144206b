package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.internal.HealthSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /health} over real HTTP, judged on real requests served through {@code vigil.http().serverHandler(...)}. */
class HealthEndpointTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Vigil vigil;
    private HttpServer app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop(0);
        }
        if (vigil != null) {
            vigil.close();
        }
    }

    private void start(Map<String, String> keys) throws Exception {
        vigil = Vigil.builder().configSource(ConfigSource.of(keys)).discoverBackends(false).managementPort(0)
                .property(VigilConfig.MANAGEMENT_HOST, "127.0.0.1").build();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/checkout", vigil.http().serverHandler("/checkout", exchange -> {
            int status = "fail".equals(exchange.getRequestURI().getQuery()) ? 503 : 200;
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }));
        app.createContext("/missing", vigil.http().serverHandler("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        }));
        app.start();
    }

    private int call(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAddress().getPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> management(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String component(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\\{\"status\":\"(\\w+)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void withoutTrafficTheHttpChecksAreHealthyAndTheDocumentHasEveryPart() throws Exception {
        start(Map.of());
        HttpResponse<String> r = management("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"status\":\"healthy\",\"timestamp\":\"")
                .containsPattern("\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\",\"uptime_seconds\":\\d+,")
                .contains("\"http.success_rate\":{\"status\":\"healthy\",\"details\":{\"message\":\"no requests in the last 5 minutes\",\"requests\":0}}")
                .contains("\"http.latency\":{\"status\":\"healthy\"")
                .contains("\"tasks.queue_depth\":{\"status\":\"healthy\"")
                .contains("\"disk\":{\"status\":\"healthy\",\"details\":{\"message\":\"")
                .contains("\"heap\":{")
                .endsWith(",\"metrics\":{\"requests_total\":0,\"success_rate\":1,\"p95_ms\":0,\"queue_depth\":0}}");
    }

    @Test
    void twentyPercentOfFiveHundredsDegradeAndMoreMakeItUnhealthyWith503() throws Exception {
        start(Map.of());
        for (int i = 0; i < 100; i++) {
            assertThat(call(i % 5 == 0 ? "/checkout?fail" : "/checkout")).isIn(200, 503);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(call("/missing")).as("a 4xx is the client's mistake: not a failure").isEqualTo(404);
        }
        HttpResponse<String> degraded = management("/health");
        // 20 failures in 120 requests: 83.3 % succeeded, between 80 and 95 %.
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(degraded.body()).startsWith("{\"status\":\"degraded\"")
                .contains("\"metrics\":{\"requests_total\":120,\"success_rate\":0.8333,");
        assertThat(component(degraded.body(), "http.success_rate")).isEqualTo("degraded");
        assertThat(degraded.body()).contains("\"failures\":20,\"success_rate_percent\":83.3");
        assertThat(component(degraded.body(), "http.latency")).isEqualTo("healthy");
        assertThat(management("/health/ready").body()).isEqualTo("{\"status\":\"degraded\"}");

        for (int i = 0; i < 20; i++) {
            call("/checkout?fail");
        }
        HttpResponse<String> unhealthy = management("/health");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(component(unhealthy.body(), "http.success_rate")).isEqualTo("unhealthy");
        assertThat(unhealthy.body()).contains("\"requests_total\":140,");
        HttpResponse<String> notReady = management("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("{\"status\":\"unhealthy\"}");
        assertThat(management("/health/live").statusCode()).as("the process itself works").isEqualTo(200);
    }

    @Test
    void queueDepthOfTaskExecutorsIsJudged() throws Exception {
        start(Map.of(HealthSettings.QUEUE_DEGRADED, "2", HealthSettings.QUEUE_UNHEALTHY, "4"));
        ExecutorService single = Executors.newSingleThreadExecutor();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            ExecutorService pool = vigil.tasks().executor("emails", single);
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            // One runs, three wait: the depth counts the tasks submitted and not finished.
            HttpResponse<String> r = management("/health");
            assertThat(component(r.body(), "tasks.queue_depth")).isEqualTo("degraded");
            assertThat(r.body()).contains("\"deepest_queue\":\"emails\"").contains("\"queue_depth\":");
        } finally {
            release.countDown();
            single.shutdown();
            assertThat(single.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aBrokenDataSourceIsUnhealthyAndAHangingOneTimesOut() throws Exception {
        start(Map.of(VigilConfig.HEALTH_TIMEOUT_MS, "700"));
        org.h2.jdbcx.JdbcDataSource good = new org.h2.jdbcx.JdbcDataSource();
        good.setURL("jdbc:h2:mem:health-ok;DB_CLOSE_DELAY=-1");
        try (java.sql.Connection warm = good.getConnection()) {
            assertThat(warm.isValid(1)).as("H2 loaded before the timed check").isTrue();
        }
        javax.sql.DataSource wrapped = vigil.db().dataSource(good);
        assertThat(wrapped).isNotSameAs(good);
        org.h2.jdbcx.JdbcDataSource missing = new org.h2.jdbcx.JdbcDataSource();
        missing.setURL("jdbc:h2:mem:health-missing;IFEXISTS=TRUE");
        missing.setPassword("s3cret-password");
        vigil.health().dataSource("orders-db", missing);
        org.h2.jdbcx.JdbcConnectionPool closed = org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:mem:health-closed", "sa", "");
        closed.dispose();
        vigil.health().dataSource("closed-pool", closed);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        vigil.health().dataSource("hanging", hanging(never));
        try {
            long start = System.nanoTime();
            HttpResponse<String> r = management("/health");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(component(r.body(), "db")).as(r.body()).isEqualTo("healthy");
            assertThat(r.body()).contains("\"db\":{\"status\":\"healthy\",\"details\":{\"validation_ms\":");
            assertThat(component(r.body(), "orders-db")).isEqualTo("unhealthy");
            assertThat(r.body()).contains("\"orders-db\":{\"status\":\"unhealthy\",\"details\":{\"message\":\"cannot connect: org.h2.jdbc.JdbcSQLNonTransientConnectionException (SQLState 90146)\"}}")
                    .doesNotContain("s3cret");
            assertThat(component(r.body(), "closed-pool")).isEqualTo("unhealthy");
            assertThat(r.body()).contains("\"hanging\":{\"status\":\"unhealthy\",\"details\":{\"message\":\"timed out after 700 ms\"}}");
        } finally {
            never.countDown();
        }
    }

    /** A pool that never hands out a connection until released. */
    private static javax.sql.DataSource hanging(java.util.concurrent.CountDownLatch release) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(HealthEndpointTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if ("getConnection".equals(method.getName())) {
                        release.await(30, TimeUnit.SECONDS);
                        throw new java.sql.SQLException("released");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
