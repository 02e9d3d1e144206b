package dev.vigil.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.HealthRegistry;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import dev.vigil.spi.ScrapeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded management endpoint on the JDK's {@link HttpServer}: {@code GET /metrics} (the scrape),
 * {@code GET /health} (JSON, 503 when unhealthy), 404 elsewhere. Every thread it owns is a daemon, so it
 * never keeps a service's JVM alive.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ManagementServer {
    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the server.
     *
     * @param host the bind address
     * @param port the port, 0 for ephemeral
     * @param health the health checks
     * @param scrape the scrape source, or null when no metrics backend serves one
     * @return the running server
     * @throws IllegalStateException when the port cannot be bound, with a message that says what to change
     */
    public static ManagementServer start(String host, int port, HealthRegistry health, ScrapeSource scrape) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            throw new IllegalStateException("Vigil management port " + port + " on " + host
                    + " is already in use; set another with managementPort(...) or VIGIL_MANAGEMENT_PORT (0 picks a free one)", e);
        } catch (IOException e) {
            throw new IllegalStateException("Vigil could not start its management server on " + host + ":" + port + ": " + e, e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vigil-management-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, health, scrape));
        // The JDK's dispatcher thread inherits daemon status from the thread that starts the server.
        Thread starter = new Thread(server::start, "vigil-management-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ManagementServer(server, executor);
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting and releases the threads; returns promptly. */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, HealthRegistry health, ScrapeSource scrape) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean known = "/metrics".equals(path) || "/health".equals(path);
            if (!known) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if ("/metrics".equals(path)) {
                metrics(exchange, scrape);
            } else {
                health(exchange, health);
            }
        } catch (RuntimeException e) {
            ApiWarnings.warn("management", "management request failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private static void metrics(HttpExchange exchange, ScrapeSource scrape) throws IOException {
        if (scrape == null) {
            send(exchange, 404, "text/plain; charset=utf-8",
                    "no metrics backend with a scrape is installed (add vigil-metrics-micrometer)\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        scrape.scrape(accept, body);
        send(exchange, 200, scrape.contentType(accept), body.toByteArray());
    }

    private static void health(HttpExchange exchange, HealthRegistry health) throws IOException {
        Map<String, HealthResult> results = health.runAll();
        HealthStatus status = HealthRegistry.aggregate(results);
        StringBuilder json = new StringBuilder(64).append("{\"status\":\"").append(status.jsonName()).append("\",\"checks\":{");
        boolean first = true;
        for (Map.Entry<String, HealthResult> e : results.entrySet()) {
            json.append(first ? "" : ",");
            first = false;
            Json.string(json, e.getKey()).append(":{\"status\":\"").append(e.getValue().status().jsonName()).append('"');
            if (e.getValue().detail() != null) {
                Json.string(json.append(",\"detail\":"), e.getValue().detail());
            }
            json.append('}');
        }
        json.append("}}");
        send(exchange, status == HealthStatus.UNHEALTHY ? 503 : 200, "application/json",
                json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
