package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.testing.OtlpReceiver;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP conventions over real loopback requests: the JDK server wrapped by {@code serverHandler}, the JDK client
 * wrapped by {@code client}, asserted on the Prometheus scrape and on the spans a real OTLP receiver gets.
 */
class HttpConventionsTest {
    private OtlpReceiver receiver;
    private MicrometerMetrics metrics;
    private Vigil vigil;
    private HttpServer server;
    private HttpClient plain;
    private String base;

    @BeforeEach
    void start() throws IOException {
        receiver = new OtlpReceiver();
        metrics = MicrometerMetrics.builder(new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT))
                .jvmMetrics(false).build();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(metrics).install();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", vigil.http().serverHandler("/orders/{id}", HttpConventionsTest::echo));
        server.createContext("/fail", vigil.http().serverHandler("/fail", e -> respond(e, 503, "down")));
        server.createContext("/boom", vigil.http().serverHandler("/boom", e -> {
            throw new IllegalStateException("no stock");
        }));
        server.createContext("/", vigil.http().serverHandler(e -> null, e -> respond(e, 404, "none")));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        plain = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        TestVigil.close(vigil);
        receiver.close();
    }

    private static void echo(HttpExchange e) throws IOException {
        byte[] in;
        try (InputStream body = e.getRequestBody()) {
            in = body.readAllBytes();
        }
        respond(e, 200, "got " + in.length);
    }

    private static void respond(HttpExchange e, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    private String scrape() {
        return ((PrometheusMeterRegistry) metrics.registry()).scrape();
    }

    private static List<String> lines(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void aServerRequestGivesTheDurationBodySizesActiveRequestsAndAServerSpan() throws Exception {
        HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create(base + "/orders/42"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("got 5");

        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("POST /orders/{id}");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(OtlpReceiver.typedAttributes(span))
                .containsEntry("http.request.method", "POST")
                .containsEntry("url.scheme", "http")
                .containsEntry("http.route", "/orders/{id}")
                .containsEntry("http.response.status_code", 200L)
                .doesNotContainKey("error.type");

        String scrape = scrape();
        String labels = "http_request_method=\"POST\",http_response_status_code=\"200\",http_route=\"/orders/{id}\","
                + "url_scheme=\"http\"";
        assertThat(scrape).contains("# HELP http_server_request_duration_seconds Duration of HTTP server requests.")
                .contains("http_server_request_duration_seconds_count{" + labels + "} 1")
                .contains("# TYPE http_server_request_body_size_bytes histogram")
                .contains("http_server_request_body_size_bytes_sum{" + labels + "} 5.0")
                .contains("http_server_response_body_size_bytes_sum{" + labels + "} 5.0")
                .contains("http_server_active_requests{http_request_method=\"POST\",url_scheme=\"http\"} 0.0");
        assertThat(lines(scrape, "http_server_request_duration_seconds_bucket{" + labels))
                .extracting(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .containsExactly("0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1.0",
                        "2.5", "5.0", "7.5", "10.0", "+Inf");
        PrometheusConformance.assertConforms(scrape, "http.server.request.duration", "http.server.active_requests",
                "http.server.request.body.size", "http.server.response.body.size");
        Promtool.assertClean(scrape);
        assertThat(lines(scrape, "http_server_request_body_size_bytes_bucket{" + labels))
                .extracting(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .containsExactly("5.0", "10.0", "25.0", "50.0", "75.0", "100.0", "250.0", "500.0", "750.0",
                        "1000.0", "2500.0", "5000.0", "7500.0", "10000.0", "+Inf");
    }

    @Test
    void aClientCallThroughTheWrappedClientIsTheParentOfTheServerSpan() throws Exception {
        HttpClient client = vigil.http().client(HttpClient.newHttpClient());
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/orders/7")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);

        receiver.await(2);
        Span clientSpan = receiver.named("GET");
        Span serverSpan = receiver.named("GET /orders/{id}");
        assertThat(clientSpan.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(serverSpan.getTraceId()).isEqualTo(clientSpan.getTraceId());
        assertThat(serverSpan.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
        int port = server.getAddress().getPort();
        assertThat(OtlpReceiver.typedAttributes(clientSpan))
                .containsEntry("server.address", "127.0.0.1")
                .containsEntry("server.port", (long) port)
                .containsEntry("http.response.status_code", 200L);

        String scrape = scrape();
        assertThat(scrape).contains("http_client_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",server_address=\"127.0.0.1\",server_port=\"" + port + "\"} 1");
        PrometheusConformance.assertConforms(scrape, "http.client.request.duration", "http.server.request.duration");
        Promtool.assertClean(scrape);
    }

    @Test
    void sendAsyncIsObservedUntilItsFutureCompletes() throws Exception {
        HttpClient client = vigil.http().client(HttpClient.newHttpClient());
        HttpResponse<String> r = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(404);

        List<Span> spans = receiver.await(2);
        Span clientSpan = ofKind(spans, Span.SpanKind.SPAN_KIND_CLIENT);
        Span serverSpan = ofKind(spans, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(clientSpan.getName()).isEqualTo("GET");
        assertThat(serverSpan.getName()).isEqualTo("GET"); // no route: the method alone
        assertThat(OtlpReceiver.typedAttributes(serverSpan)).doesNotContainKey("http.route")
                .doesNotContainKey("error.type"); // a 404 is no server error
        assertThat(serverSpan.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
        assertThat(clientSpan.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.typedAttributes(clientSpan)).containsEntry("error.type", "404");
        assertThat(scrape()).contains("http_client_request_duration_seconds_count{error_type=\"404\","
                + "http_request_method=\"GET\",http_response_status_code=\"404\",server_address=\"127.0.0.1\","
                + "server_port=\"" + server.getAddress().getPort() + "\"} 1");
    }

    @Test
    void aServerErrorAndAnExceptionGiveTheirErrorTypeOnTheMetricAndTheSpan() throws Exception {
        assertThat(plain.send(HttpRequest.newBuilder(URI.create(base + "/fail")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        // The JDK server answers a handler's exception by closing the connection; a POST, because the JDK client
        // retries an idempotent request once on a closed connection.
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(base + "/boom"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

        receiver.await(2);
        Span fail = receiver.named("GET /fail");
        Span boom = receiver.named("POST /boom");
        assertThat(fail.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.typedAttributes(fail)).containsEntry("error.type", "503")
                .containsEntry("http.response.status_code", 503L);
        assertThat(boom.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.typedAttributes(boom)).containsEntry("error.type", "java.lang.IllegalStateException");
        assertThat(boom.getEventsList()).extracting(e -> e.getName()).contains("exception");

        String scrape = scrape();
        assertThat(scrape).contains("http_server_request_duration_seconds_count{error_type=\"503\","
                + "http_request_method=\"GET\",http_response_status_code=\"503\",http_route=\"/fail\",url_scheme=\"http\"} 1");
        assertThat(scrape).contains("http_server_request_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
                + "http_request_method=\"POST\",http_route=\"/boom\",url_scheme=\"http\"} 1");
    }

    @Test
    void anUnknownMethodIsOtherAndItsSpanIsNamedHttp() throws Exception {
        plain.send(HttpRequest.newBuilder(URI.create(base + "/orders/1"))
                .method("PURGE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("HTTP");
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("http.request.method", "_OTHER")
                .containsEntry("http.request.method_original", "PURGE");
        assertThat(scrape()).contains("http_server_request_duration_seconds_count{http_request_method=\"_OTHER\","
                + "http_response_status_code=\"200\",http_route=\"/orders/{id}\",url_scheme=\"http\"} 1");
    }

    @Test
    void tenThousandDistinctPathsUnderOneRouteStayOneSeries() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create(base + "/orders/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        String expected = "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/orders/{id}\",url_scheme=\"http\"} 10000";
        // The wrapper records once the handler returns, after the client has its answer: give the last one 10 s.
        String scrape = scrape();
        for (long deadline = System.nanoTime() + 10_000_000_000L; !scrape.contains(expected) && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
            scrape = scrape();
        }
        assertThat(lines(scrape, "http_server_request_duration_seconds_count{")).containsExactly(expected);
        assertThat(scrape).doesNotContain("/orders/1\"").doesNotContain("/orders/9999");
    }

    @Test
    void aFailedClientCallCarriesTheExceptionsClassAsErrorType() throws Exception {
        HttpClient client = vigil.http().client(HttpClient.newHttpClient());
        // /boom's handler throws, so the JDK server closes the connection without an answer.
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(base + "/boom"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()))
                .isExactlyInstanceOf(IOException.class);

        Span span = ofKind(receiver.await(2), Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(span.getName()).isEqualTo("POST");
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("error.type", "java.io.IOException")
                .doesNotContainKey("http.response.status_code");
        assertThat(scrape()).contains("http_client_request_duration_seconds_count{error_type=\"java.io.IOException\","
                + "http_request_method=\"POST\",server_address=\"127.0.0.1\",server_port=\""
                + server.getAddress().getPort() + "\"} 1");
    }

    @Test
    void cancellingTheCallersFutureCancelsTheExchangeAndEndsTheSpan() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.createContext("/slow", e -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            respond(e, 200, "late");
        });
        HttpClient client = vigil.http().client(HttpClient.newHttpClient());
        java.util.concurrent.CompletableFuture<HttpResponse<String>> f = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        f.cancel(true);
        release.countDown();

        Span span = receiver.await(1).get(0);
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(f).isCancelled();
    }

    private static Span ofKind(List<Span> spans, Span.SpanKind kind) {
        List<Span> found = spans.stream().filter(s -> s.getKind() == kind).collect(Collectors.toList());
        assertThat(found).as("spans of kind " + kind).hasSize(1);
        return found.get(0);
    }
}
