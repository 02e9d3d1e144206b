package dev.vigil.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
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
        assertThat(health.body()).matches("\\{\"status\":\"(healthy|degraded)\",\"checks\":\\{\"documents\":\\{\"status\":\"\\w+\".*}}}");
        assertThat(management("/nope").statusCode()).isEqualTo(404);
        assertThat(management("/").statusCode()).isEqualTo(404);
    }
}
