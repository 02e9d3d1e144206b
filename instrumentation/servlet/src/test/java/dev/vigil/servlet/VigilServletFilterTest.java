package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.otel.OtelTracing;
import dev.vigil.testing.OtlpReceiver;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter in an embedded Tomcat 11, over real loopback requests: the Prometheus scrape and the exported spans. */
// serial: the anonymous test servlets are never serialised; deprecation: Tomcat 11 deprecates addServletMappingDecoded
@SuppressWarnings({"serial", "deprecation"})
class VigilServletFilterTest {
    @TempDir
    Path baseDir;
    private OtlpReceiver receiver;
    private MicrometerMetrics metrics;
    private OtelTracing tracing;
    private Vigil vigil;
    private Tomcat tomcat;
    private String base;
    private final HttpClient plain = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        metrics = MicrometerMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).jvmMetrics(false).build();
        dev.vigil.context.Context.current();
        Vigil.resetGlobalForTest();
        tracing = OtelTracing.builder().useGlobal(false).build();
        vigil = Vigil.builder().discoverBackends(false).serviceName("shop")
                .property("otel.exporter.otlp.endpoint", receiver.endpoint())
                .property("otel.bsp.schedule.delay", "20")
                .metrics(metrics).backend(tracing).install();

        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "orders", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                if (req.getPathInfo() != null && req.getPathInfo().startsWith("/fail")) {
                    res.sendError(503);
                    return;
                }
                if (req.getPathInfo() != null && req.getPathInfo().startsWith("/boom")) {
                    throw new IllegalStateException("no stock");
                }
                write(res, 200, "order " + req.getPathInfo());
            }
        });
        ctx.addServletMappingDecoded("/orders/*", "orders");
        Tomcat.addServlet(ctx, "spring", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                // What Spring MVC's dispatcher does once a handler matched.
                req.setAttribute(VigilServletFilter.SPRING_PATTERN, "/api/items/{id}");
                write(res, 200, "item");
            }
        });
        ctx.addServletMappingDecoded("/api/*", "spring");
        Wrapper async = Tomcat.addServlet(ctx, "async", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                AsyncContext a = req.startAsync();
                a.start(() -> {
                    try {
                        Thread.sleep(50);
                        write((HttpServletResponse) a.getResponse(), 202, "later");
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        a.complete();
                    }
                });
            }
        });
        async.setAsyncSupported(true);
        ctx.addServletMappingDecoded("/async", "async");
        FilterDef def = new FilterDef();
        def.setFilterName("vigil");
        def.setFilter(new VigilServletFilter(vigil));
        def.setAsyncSupported("true");
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("vigil");
        map.addURLPattern("/*");
        ctx.addFilterMap(map);
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        vigil.close();
        Vigil.resetGlobalForTest();
        receiver.close();
    }

    private static void write(HttpServletResponse res, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() {
        return ((PrometheusMeterRegistry) metrics.registry()).scrape();
    }

    private static List<String> lines(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void theServletMappingIsTheRouteAndTheCallersTraceContinues() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create(base + "/orders/42"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("order /42");

        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("GET /orders/*");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo(traceId);
        assertThat(OtlpReceiver.hex(span.getParentSpanId())).isEqualTo("00f067aa0ba902b7");
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("http.route", "/orders/*")
                .containsEntry("http.response.status_code", 200L).containsEntry("url.scheme", "http");
        String labels = "http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/orders/*\","
                + "url_scheme=\"http\"";
        String scrape = scrape();
        PrometheusConformance.assertConforms(scrape, "http.server.request.duration", "http.server.active_requests",
                "http.server.request.body.size", "http.server.response.body.size");
        Promtool.assertClean(scrape);
        assertThat(scrape).contains("http_server_request_duration_seconds_count{" + labels + "} 1")
                .contains("http_server_response_body_size_bytes_sum{" + labels + "} 9.0")
                .contains("http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 0.0");
    }

    @Test
    void springsBestMatchingPatternWinsOverTheServletMapping() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(get("/api/items/" + i).statusCode()).isEqualTo(200);
        }
        // The filter records after the response is sent: wait for the 100 spans, which end after their metric.
        Span span = receiver.await(100).get(0);
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("http.route", "/api/items/{id}");
        assertThat(lines(scrape(), "http_server_request_duration_seconds_count{")).containsExactly(
                "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\","
                        + "http_route=\"/api/items/{id}\",url_scheme=\"http\"} 100");
    }

    @Test
    void aRouteResolvedDuringDispatchRenamesTheSpan() throws Exception {
        // The observation starts with the servlet mapping (GET /api/*); the servlet then sets Spring's pattern.
        assertThat(get("/api/items/7").statusCode()).isEqualTo(200);

        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("GET /api/items/{id}");
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("http.route", "/api/items/{id}");
        assertThat(receiver.names()).doesNotContain("GET /api/*");
    }

    @Test
    void serverErrorsAndExceptionsCarryTheirErrorType() throws Exception {
        assertThat(get("/orders/fail").statusCode()).isEqualTo(503);
        assertThat(plain.send(HttpRequest.newBuilder(URI.create(base + "/orders/boom"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(500);

        receiver.await(2);
        Span fail = receiver.named("GET /orders/*");
        Span boom = receiver.named("POST /orders/*");
        assertThat(OtlpReceiver.typedAttributes(fail)).containsEntry("error.type", "503");
        assertThat(boom.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.typedAttributes(boom)).containsEntry("error.type", "500")
                .containsEntry("http.response.status_code", 500L);
        assertThat(boom.getEventsList()).extracting(e -> e.getName()).contains("exception");
        assertThat(scrape()).contains("http_server_request_duration_seconds_count{error_type=\"503\",http_request_method=\"GET\","
                + "http_response_status_code=\"503\",http_route=\"/orders/*\",url_scheme=\"http\"} 1");
    }

    @Test
    void anAsyncRequestIsObservedUntilItCompletes() throws Exception {
        HttpResponse<String> r = get("/async");
        assertThat(r.statusCode()).isEqualTo(202);

        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("GET /async");
        assertThat(span.getEndTimeUnixNano() - span.getStartTimeUnixNano()).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("http.response.status_code", 202L);
        String scrape = scrape();
        assertThat(scrape).contains("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"202\",http_route=\"/async\",url_scheme=\"http\"} 1");
        assertThat(scrape).contains("http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 0.0");
    }
}
