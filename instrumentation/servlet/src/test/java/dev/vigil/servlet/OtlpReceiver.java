package dev.vigil.servlet;

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
 */
final class OtlpReceiver implements AutoCloseable {
    final List<Span> spans = new CopyOnWriteArrayList<>();
    final Map<String, String> resource = new ConcurrentHashMap<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    /** When each export request arrived, in {@link System#nanoTime()}. */
    final List<Long> requestTimes = new CopyOnWriteArrayList<>();
    /** The request headers of the last export, first value of each (names as the JDK's server normalises them). */
    final Map<String, String> headers = new ConcurrentHashMap<>();
    private final HttpServer server;

    OtlpReceiver() throws IOException {
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
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
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
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until at least {@code n} spans arrived; returns them all. */
    List<Span> await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (spans.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (spans.size() < n) {
            throw new AssertionError("expected " + n + " spans, received " + spans.size() + ": " + names());
        }
        return new ArrayList<>(spans);
    }

    Span named(String name) {
        List<Span> found = spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", found " + found.size() + " among " + names());
        }
        return found.get(0);
    }

    List<String> names() {
        return spans.stream().map(Span::getName).collect(Collectors.toList());
    }

    static Map<String, String> attributes(Span span) {
        return span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }

    /** @return the attributes with their OTLP type: an int attribute is a Long, a string a String, and so on */
    static Map<String, Object> typedAttributes(Span span) {
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

    static String hex(com.google.protobuf.ByteString bytes) {
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
