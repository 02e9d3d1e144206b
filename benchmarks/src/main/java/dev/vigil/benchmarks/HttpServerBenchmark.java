package dev.vigil.benchmarks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.otel.OtelTracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A JDK {@code HttpServer} handler wrapped by {@code vigil.http().serverHandler(...)} against the same handler
 * unwrapped: what Vigil adds per request (duration, active requests, body sizes, a sampled span, W3C extraction).
 * Both are called with a fresh in-memory exchange, so the loopback socket's own tens of microseconds, which would
 * drown the difference, are not measured; the exchange is the same cost on both sides. Run with {@code -prof gc} for
 * B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HttpServerBenchmark {
    private static final byte[] BODY = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);
    private static final URI URI_42 = URI.create("/orders/42");

    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private HttpHandler raw;
    private HttpHandler wrapped;

    /** Builds Vigil on a fresh registry and its own SDK, exporting into a discarding exporter. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .backend(OtelTracing.builder().useGlobal(false).spanExporter(new TracedBenchmark.DiscardingExporter()).build())
                .build();
        raw = exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        };
        wrapped = vigil.http().serverHandler("/orders/{id}", raw);
    }

    /** Closes Vigil and the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
        registry.close();
    }

    /** @return the exchange, so that nothing is dead code */
    @Benchmark
    public Object rawHandler() throws IOException {
        StubExchange e = new StubExchange();
        raw.handle(e);
        return e;
    }

    /** @return the exchange, so that nothing is dead code */
    @Benchmark
    public Object serverHandler() throws IOException {
        StubExchange e = new StubExchange();
        wrapped.handle(e);
        return e;
    }

    /** An exchange in memory: a GET of /orders/42 with a traceparent, answered into a byte array. */
    static final class StubExchange extends HttpExchange {
        private final Headers request = new Headers();
        private final Headers response = new Headers();
        private InputStream in = new ByteArrayInputStream(new byte[0]);
        private OutputStream out = new ByteArrayOutputStream(16);
        private int status = -1;

        StubExchange() {
            request.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }

        @Override
        public Headers getRequestHeaders() {
            return request;
        }

        @Override
        public Headers getResponseHeaders() {
            return response;
        }

        @Override
        public URI getRequestURI() {
            return URI_42;
        }

        @Override
        public String getRequestMethod() {
            return "GET";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public InputStream getRequestBody() {
            return in;
        }

        @Override
        public OutputStream getResponseBody() {
            return out;
        }

        @Override
        public void sendResponseHeaders(int code, long length) {
            status = code;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            if (i != null) {
                in = i;
            }
            if (o != null) {
                out = o;
            }
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
