package dev.vigil.sentry;

import com.sun.net.httpserver.HttpServer;
import io.sentry.EnvelopeReader;
import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A loopback Sentry: accepts {@code POST /api/<project>/envelope/}, un-gzips the body and parses it with the SDK's own
 * envelope reader and serializer. Keeps every raw body, so tests can search all bytes that left, and every event.
 */
final class SentryReceiver implements AutoCloseable {
    private final HttpServer server;
    private final SentryOptions options = new SentryOptions();
    private final JsonSerializer serializer = new JsonSerializer(options);
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<SentryEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    SentryReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            paths.add(exchange.getRequestMethod() + ' ' + exchange.getRequestURI().getPath());
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            byte[] body = "gzip".equalsIgnoreCase(encoding) ? gunzip(raw) : raw;
            bodies.add(body);
            SentryEnvelope envelope = new EnvelopeReader(serializer).read(new ByteArrayInputStream(body));
            if (envelope != null) {
                for (SentryEnvelopeItem item : envelope.getItems()) {
                    if (item.getHeader().getType() == SentryItemType.Event) {
                        try {
                            events.add(serializer.deserialize(new InputStreamReader(
                                    new ByteArrayInputStream(item.getData()), StandardCharsets.UTF_8), SentryEvent.class));
                        } catch (Exception e) {
                            throw new IOException("unreadable event item", e);
                        }
                    }
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sentry-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** @return a DSN pointing here, project 42 */
    String dsn() {
        return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/42";
    }

    /** @return every event received so far, in arrival order */
    List<SentryEvent> events() {
        return new ArrayList<>(events);
    }

    /** @return the request paths received, as {@code METHOD /path} */
    List<String> paths() {
        return new ArrayList<>(paths);
    }

    /** @return every envelope body received, un-gzipped, concatenated */
    String allBytes() {
        StringBuilder b = new StringBuilder();
        for (byte[] body : bodies) {
            b.append(new String(body, StandardCharsets.UTF_8)).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] gunzip(byte[] raw) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** A DSN whose port refuses connections: bound once to learn a free port, then closed. */
    static String refusingDsn() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://publickey@127.0.0.1:" + s.getLocalPort() + "/42";
        }
    }

    /** Accepts connections and never answers, holding them open until closed. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        Silent() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "sentry-silent");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String dsn() {
            return "http://publickey@127.0.0.1:" + socket.getLocalPort() + "/42";
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
