package dev.vigil.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A loopback OTLP/HTTP receiver: the JDK's HTTP server on 127.0.0.1 and an ephemeral port, accepting
 * {@code POST /v1/traces} with {@code application/x-protobuf} and parsing each body as an
 * {@link ExportTraceServiceRequest}, so tests assert on exactly what a collector would receive.
 *
 * <pre>{@code
 * try (OtlpReceiver collector = new OtlpReceiver()) {
 *     Vigil vigil = Vigil.builder().property("otel.exporter.otlp.endpoint", collector.endpoint())...install();
 *     ...
 *     Span s = collector.await(1).get(0);
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {
    /** Every span received, in arrival order. */
    public final List<Span> spans = new CopyOnWriteArrayList<>();
    /** The resource attributes of the exports, as text. */
    public final Map<String, String> resource = new ConcurrentHashMap<>();
    /** The {@code Content-Type} of each export request. */
    public final List<String> contentTypes = new CopyOnWriteArrayList<>();
    /** When each export request arrived, in {@link System#nanoTime()}. */
    public final List<Long> requestTimes = new CopyOnWriteArrayList<>();
    /** The request headers of the last export, first value of each (names as the JDK's server normalises them). */
    public final Map<String, String> headers = new ConcurrentHashMap<>();
    /** Every request body exactly as it arrived, with its {@code Content-Encoding} (null when plain) beside it. */
    public final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    /** The {@code Content-Encoding} of each export request, {@code "null"} when plain. */
    public final List<String> contentEncodings = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    /**
     * Starts the receiver.
     *
     * @throws IOException when no loopback port can be bound
     */
    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                requestTimes.add(System.nanoTime());
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                contentEncodings.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")));
                byte[] raw = in.readAllBytes();
                bodies.add(raw);
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(raw);
                for (ResourceSpans rs : request.getResourceSpansList()) {
                    for (KeyValue kv : rs.getResource().getAttributesList()) {
                        resource.put(kv.getKey(), kv.getValue().getStringValue());
                    }
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        spans.addAll(ss.getSpansList());
                    }
                }
                byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } catch (RuntimeException | IOException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** @return the OTLP base endpoint, as {@code otel.exporter.otlp.endpoint} wants it */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Waits, at most 10 s, until at least {@code n} spans arrived.
     *
     * @param n how many spans to wait for
     * @return every span received so far
     * @throws InterruptedException when interrupted
     * @throws AssertionError when fewer arrived in time, naming those that did
     */
    public List<Span> await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (spans.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (spans.size() < n) {
            throw new AssertionError("expected " + n + " spans, received " + spans.size() + ": " + names());
        }
        return new ArrayList<>(spans);
    }

    /**
     * @param name a span name
     * @return the one span of that name
     * @throws AssertionError unless exactly one span has that name
     */
    public Span named(String name) {
        List<Span> found = spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", found " + found.size() + " among " + names());
        }
        return found.get(0);
    }

    /** @return the names of every span received, in arrival order */
    public List<String> names() {
        return spans.stream().map(Span::getName).collect(Collectors.toList());
    }

    /**
     * @param span a received span
     * @return its attributes as text
     */
    public static Map<String, String> attributes(Span span) {
        return span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }

    /**
     * @param span a received span
     * @return the attributes with their OTLP type: an int attribute is a Long, a string a String, and so on
     */
    public static Map<String, Object> typedAttributes(Span span) {
        return span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> {
            io.opentelemetry.proto.common.v1.AnyValue v = kv.getValue();
            switch (v.getValueCase()) {
                case INT_VALUE: return v.getIntValue();
                case DOUBLE_VALUE: return v.getDoubleValue();
                case BOOL_VALUE: return v.getBoolValue();
                default: return v.getStringValue();
            }
        }));
    }

    /**
     * @param bytes an id as OTLP carries it
     * @return the id in lower-case hex, as W3C trace context writes it
     */
    public static String hex(com.google.protobuf.ByteString bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes.toByteArray()) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
