package dev.vigil.examples.w3c;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for the suite's harness (test/server.py): every POST to {@code /<scope>.<n>} is recorded with its
 * headers, body and arrival time, and answered {@code 200 null} as aiohttp's {@code json_response(None)} does.
 */
final class Harness implements AutoCloseable {

    /**
     * What one callback brought.
     *
     * @param path the request path, e.g. {@code /scope.0}
     * @param headers header values by lower-case name, repeated fields kept in order
     * @param body the body as text
     * @param receivedNanos when it arrived, {@link System#nanoTime()}
     */
    record Received(String path, Map<String, List<String>> headers, String body, long receivedNanos) {
        /** @return the only value of the header; fails on none or several, as the suite's {@code get_traceparent} */
        String single(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            if (values.size() != 1) {
                throw new AssertionError("expected one " + name + " header, got " + values);
            }
            return values.get(0);
        }

        /** @return every value of the header, possibly none */
        List<String> all(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    Harness() throws IOException {
        this(Duration.ZERO);
    }

    private Harness(Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!delay.isZero()) {
                    try {
                        Thread.sleep(delay.toMillis()); // a callback target that hangs
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return; // closing the harness
                    }
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
                received.add(new Received(exchange.getRequestURI().getPath(), headers,
                        new String(body, StandardCharsets.UTF_8), System.nanoTime()));
                byte[] answer = "null".getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.start();
    }

    /**
     * @param delay how long every request waits before it is read and answered
     * @return a harness that answers late
     * @throws IOException when no port can be bound
     */
    static Harness hanging(Duration delay) throws IOException {
        return new Harness(delay);
    }

    /**
     * @param name the last path segment
     * @return a callback URL on this harness
     */
    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** @return what arrived, in arrival order */
    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Forgets what arrived, between requests of one test. */
    void clear() {
        received.clear();
    }

    /**
     * @return a loopback URL on which nothing listens: the port was free a moment ago, so a connection is refused
     * @throws IOException when no port can be bound
     */
    static URI refusingUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/refused");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
