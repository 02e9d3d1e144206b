package dev.vigil.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the quickstart as a user would get it: classes rewritten by vigil-maven-plugin during this build,
 * Micrometer discovered through ServiceLoader, and the real Prometheus scrape read over HTTP.
 */
class QuickstartAppTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static QuickstartApp app;

    @BeforeAll
    static void start() throws Exception {
        app = QuickstartApp.start(0, 0);
    }

    @AfterAll
    static void stop() {
        app.close();
        Vigil.resetGlobalForTest();
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.servicePort() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> management(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theScrapeShowsKpisAnnotatedMethodsErrorsAndTheJvm() throws Exception {
        assertThat(post("/checkout?plan=pro", "").body()).isEqualTo("{\"plan\":\"pro\",\"price\":49.0}\n");
        assertThat(post("/checkout?plan=pro", "").statusCode()).isEqualTo(200);
        assertThat(post("/checkout?plan=gold", "").statusCode()).isEqualTo(500);
        assertThat(post("/documents?type=scan", "one two three four five six seven eight nine ten").body())
                .isEqualTo("{\"words\":9}\n");

        HttpResponse<String> scrape = management("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        String text = scrape.body();

        // The fluent KPIs, with the common tags.
        assertThat(text).containsPattern(series("orders_placed_total", "2\\.0", "plan=\"pro\"", "service=\"quickstart\"", "env=\"dev\""));
        assertThat(text).containsPattern(series("orders_revenue_usd_total", "98\\.0", "plan=\"pro\""));
        assertThat(text).containsPattern(series("documents_uploaded_total", "1\\.0", "type=\"scan\""));
        assertThat(text).containsPattern(series("documents_extraction_accuracy", "0\\.9"));

        // @Timed through the build-time plugin: a histogram in seconds with the convention buckets.
        assertThat(text).containsPattern(series("shop_checkout_seconds_bucket", "[0-9]+", "le=\"0\\.005\"", "plan=\"pro\""));
        assertThat(text).containsPattern(series("shop_checkout_seconds_bucket", "2", "le=\"10\\.0\"", "plan=\"pro\""));
        assertThat(text).containsPattern(series("shop_checkout_seconds_count", "2", "plan=\"pro\""));
        assertThat(text).doesNotContainPattern(series("shop_checkout_seconds_count", "[0-9]+", "plan=\"pro\"", "error_type=\"[^\"]+\""));
        assertThat(text).containsPattern(series("shop_checkout_calls_total", "2\\.0", "plan=\"pro\""));
        assertThat(text).containsPattern(series("documents_extraction_seconds_count", "1", "type=\"scan\""));
        assertThat(text).containsPattern(series("documents_processed_total", "1\\.0", "type=\"scan\""));

        // A failing call records error.type with the exception's class name.
        String ise = "error_type=\"java\\.lang\\.IllegalStateException\"";
        assertThat(text).containsPattern(series("shop_checkout_seconds_count", "1", ise, "plan=\"gold\""));
        assertThat(text).containsPattern(series("shop_checkout_calls_total", "1\\.0", ise, "plan=\"gold\""));
        // ... and a plan that only ever failed has no empty success series beside it.
        assertThat(text).doesNotContainPattern("(?m)^shop_checkout_calls_total\\{(?![^}]*error_type)[^}]*plan=\"gold\"");

        // Each checkout is an INSERT and a SELECT through the observed HikariCP pool, which binds its own metrics.
        String select = "db_query_summary=\"SELECT orders\"";
        assertThat(text).containsPattern(series("db_client_operation_duration_seconds_count", "2", select,
                "db_system_name=\"h2database\"", "db_operation_name=\"SELECT\"", "db_collection_name=\"orders\""));
        assertThat(text).containsPattern(series("db_client_operation_duration_seconds_count", "2",
                "db_query_summary=\"INSERT orders\""));
        assertThat(text).containsPattern(series("db_client_response_returned_rows_sum", "2\\.0", select));
        String pool = "db_client_connection_pool_name=\"quickstart\"";
        assertThat(text).containsPattern(series("db_client_connections", "[0-9.]+", pool,
                "db_client_connection_state=\"idle\""));
        assertThat(text).containsPattern(series("db_client_connection_max", "4\\.0", pool));
        assertThat(text).containsPattern(series("db_client_connection_wait_time_seconds_count", "[1-9][0-9]*", pool));
        assertThat(text).containsPattern(series("db_client_connection_use_time_seconds_count", "[1-9][0-9]*", pool));

        // JVM and system series are on by default.
        assertThat(text).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads{", "process_cpu_usage{",
                "jvm_classes_loaded_classes{", "process_uptime_seconds{");
    }

    @Test
    void theScrapeShowsTheHttpServerAndClientConventions() throws Exception {
        HttpResponse<String> storefront = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.servicePort() + "/storefront")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(storefront.body()).isEqualTo("{\"catalog\":{\"plans\":[\"free\",\"pro\"]}}\n");
        assertThat(post("/checkout?plan=gold", "").statusCode()).isEqualTo(500);

        String text = management("/metrics").body();
        String get = "http_request_method=\"GET\"";
        assertThat(text).containsPattern(series("http_server_request_duration_seconds_count", "1", get,
                "http_route=\"/storefront\"", "http_response_status_code=\"200\"", "url_scheme=\"http\""));
        assertThat(text).containsPattern(series("http_server_request_duration_seconds_count", "1", get,
                "http_route=\"/catalog\"", "http_response_status_code=\"200\""));
        assertThat(text).containsPattern(series("http_server_request_duration_seconds_bucket", "1", get,
                "http_route=\"/catalog\"", "le=\"10\\.0\""));
        assertThat(text).containsPattern(series("http_server_request_duration_seconds_count", "[0-9]+",
                "http_route=\"/checkout\"", "http_response_status_code=\"500\"", "error_type=\"500\""));
        assertThat(text).containsPattern(series("http_client_request_duration_seconds_count", "1", get,
                "server_address=\"127\\.0\\.0\\.1\"", "server_port=\"" + app.servicePort() + "\"",
                "http_response_status_code=\"200\""));
        assertThat(text).containsPattern(series("http_server_response_body_size_bytes_count", "1", get,
                "http_route=\"/catalog\""));
        assertThat(text).containsPattern(series("http_server_active_requests", "0\\.0", get, "url_scheme=\"http\""));
        PrometheusConformance.assertConforms(text, "http.server.request.duration", "http.server.active_requests",
                "http.server.request.body.size", "http.server.response.body.size", "http.client.request.duration");
        // promtool on the HTTP families alone: this test answers for them, not for the other families of the scrape.
        Promtool.assertClean(text.lines().filter(l -> l.matches("(# (HELP|TYPE) )?http_.*"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
    }

    @Test
    void tasksCacheAuthAndStorageShowOnTheScrapeWhichPromtoolFindsClean() throws Exception {
        String doc = "a document to store and count";
        assertThat(post("/checkout?plan=team", "").statusCode()).isEqualTo(200);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.servicePort()
                        + "/documents?type=pdf")).header("X-Api-Key", "demo")
                .POST(HttpRequest.BodyPublishers.ofString(doc)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("{\"words\":6}\n");
        assertThat(post("/documents?type=pdf", doc).body()).isEqualTo("{\"words\":6}\n"); // from the cache

        String text = awaitScrape("task_duration_seconds_count{");

        assertThat(text).containsPattern(series("task_duration_seconds_count", "[1-9][0-9]*", "task_name=\"send-receipt\"",
                "task_queue=\"emails\"", "task_status=\"success\""));
        assertThat(text).containsPattern(series("cache_requests_total", "[1-9][0-9]*\\.0", "cache_name=\"words\"",
                "cache_result=\"hit\""));
        assertThat(text).containsPattern(series("auth_attempts_total", "[1-9][0-9]*\\.0", "auth_method=\"api_key\"",
                "auth_result=\"success\""));
        assertThat(text).containsPattern(series("auth_failures_total", "[1-9][0-9]*\\.0",
                "auth_failure_reason=\"missing_key\""));
        assertThat(text).containsPattern(series("storage_operation_size_bytes_count", "[1-9][0-9]*",
                "storage_bucket=\"documents\"", "storage_operation=\"upload\""));
        PrometheusConformance.assertConforms(text, "task.duration", "task.wait.duration", "cache.requests",
                "cache.size", "auth.attempts", "auth.failures", "storage.operation.duration", "storage.operation.size");
        Promtool.assertClean(text);
    }

    /** The scrape, once it shows {@code marker} (a task completes on its own thread), within 10 s. */
    private static String awaitScrape(String marker) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String text = management("/metrics").body();
        while (!text.contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            text = management("/metrics").body();
        }
        return text;
    }

    /** A regex for one scrape line with the given labels in any order and the given value. */
    private static String series(String name, String value, String... labels) {
        StringBuilder b = new StringBuilder("(?m)^").append(name).append("\\{");
        for (String label : labels) {
            b.append("(?=[^}]*\\b").append(label).append("[,}])");
        }
        return b.append("[^}]*} ").append(value).append("$").toString();
    }

    @Test
    void healthAndUnknownPaths() throws Exception {
        HttpResponse<String> health = management("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.body()).matches("\\{\"status\":\"(healthy|degraded)\",\"timestamp\":\"[^\"]+\",\"uptime_seconds\":\\d+,"
                + "\"components\":\\{.*\"documents\":\\{\"status\":\"\\w+\".*},\"metrics\":\\{\"requests_total\":\\d+,.*}}");
        assertThat(management("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> page = management("/");
        assertThat(page.statusCode()).as("the status page").isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    }
}
