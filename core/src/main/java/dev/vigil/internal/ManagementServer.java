package dev.vigil.internal;

import dev.vigil.HealthRegistry;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import dev.vigil.spi.ScrapeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The embedded management endpoint: {@code /metrics} (the scrape), {@code /health} (JSON with every check,
 * 503 when unhealthy), and the probes {@code /health/live} (the process answers) and {@code /health/ready}
 * (the checks' aggregate), which show a status only, and the generated operations files under
 * {@code /operations/}. With a token, {@code /metrics}, {@code /health} and {@code /operations/} need
 * {@code Authorization: Bearer <token>}; the probes stay open. {@code GET}, {@code HEAD} and {@code OPTIONS}
 * are served, other methods get 405, other paths 404. A body is gzipped when the client accepts it.
 *
 * <p>HTTP is served by {@link HttpFrontEnd}, whose one selector thread never waits on a client; scrapes run on
 * two worker threads with a bounded queue (503 when it is full), and health checks on their own executor
 * ({@link HealthExecutor}), so neither a stalled client nor a hung check can keep a scrape from answering.
 * Every thread is a daemon, so the server never keeps a service's JVM alive.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ManagementServer {
    private static final String ALLOW = "GET, HEAD, OPTIONS";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    private static final int WORKERS = 2;
    private static final int QUEUE = 8;

    private final BearerToken token;
    private final Supplier<CompletableFuture<Map<String, HealthResult>>> health;
    private final ScrapeSource scrape;
    private final ThreadPoolExecutor workers;
    private HttpFrontEnd frontEnd;
    /** The generated operations files by name ({@code /operations/<name>}); null until the Vigil is built. */
    private volatile java.util.function.Function<String, byte[]> operations;

    private ManagementServer(BearerToken token, Supplier<CompletableFuture<Map<String, HealthResult>>> health, ScrapeSource scrape) {
        this.token = token;
        this.health = health;
        this.scrape = scrape;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "vigil-management-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Binds and starts the server.
     *
     * @param host the bind address
     * @param port the port, 0 for ephemeral
     * @param token the token {@code /metrics} and {@code /health} require, or null for none
     * @param health runs the health checks; its future completes within {@code healthTimeout}
     * @param healthTimeout how long one health check may take
     * @param scrape the scrape source, or null when no metrics backend serves one
     * @return the running server
     * @throws IllegalStateException when the port cannot be bound, with a message that says what to change
     */
    public static ManagementServer start(String host, int port, BearerToken token,
                                         Supplier<CompletableFuture<Map<String, HealthResult>>> health,
                                         Duration healthTimeout, ScrapeSource scrape) {
        HttpLimits defaults = HttpLimits.defaults();
        // A response may always take as long as the health checks it waits for, and then some.
        Duration responseTimeout = healthTimeout.plusSeconds(5).compareTo(defaults.responseTimeout()) > 0
                ? healthTimeout.plusSeconds(5) : defaults.responseTimeout();
        HttpLimits limits = new HttpLimits(defaults.maxConnections(), defaults.maxHeadBytes(), defaults.readTimeout(),
                defaults.idleTimeout(), responseTimeout);
        ManagementServer server = new ManagementServer(token, health, scrape);
        try {
            server.frontEnd = HttpFrontEnd.start(new InetSocketAddress(host, port), limits, server::handle, "vigil-management-http");
        } catch (BindException e) {
            throw new IllegalStateException("Vigil management port " + port + " on " + host
                    + " is already in use; set another with managementPort(...) or VIGIL_MANAGEMENT_PORT (0 picks a free one)", e);
        } catch (IOException | UnresolvedAddressException e) {
            throw new IllegalStateException("Vigil could not start its management server on " + host + ":" + port + ": " + e, e);
        }
        return server;
    }

    /**
     * @param files the generated operations files by name, served under {@code /operations/} with the token of
     *              {@code /metrics}; a name it does not know is null (404)
     */
    public void operations(java.util.function.Function<String, byte[]> files) {
        this.operations = files;
    }

    /** @return the bound port */
    public int port() {
        return frontEnd.port();
    }

    /** Stops accepting, closes every connection and releases the threads; returns promptly. */
    public void stop() {
        frontEnd.stop();
        workers.shutdownNow();
    }

    /** Routes a request; runs on the selector thread, so everything slow is handed to an executor. */
    CompletableFuture<HttpReply> handle(HttpRequestHead request) {
        String path = request.path();
        String method = request.method();
        boolean guarded = "/metrics".equals(path) || "/health".equals(path) || path.startsWith("/operations/");
        boolean probe = "/health/live".equals(path) || "/health/ready".equals(path);
        if (!guarded && !probe && !"*".equals(path)) {
            return done(HttpReply.text(404, TEXT, "not found\n"));
        }
        if ("OPTIONS".equals(method)) {
            return done(HttpReply.empty(204).with("Allow", ALLOW));
        }
        if ("*".equals(path)) {
            return done(HttpReply.text(404, TEXT, "not found\n"));
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return done(HttpReply.text(405, TEXT, "method not allowed\n").with("Allow", ALLOW));
        }
        if (guarded && token != null && !token.accepts(request.header("Authorization"))) {
            return done(HttpReply.empty(401).with("WWW-Authenticate", "Bearer realm=\"vigil\""));
        }
        if (path.startsWith("/operations/")) {
            return operationsFile(request, path.substring("/operations/".length()));
        }
        switch (path) {
            case "/metrics":
                return metrics(request);
            case "/health":
                return health.get().thenApply(results -> encoded(request, HttpReply.of(
                        HealthRegistry.aggregate(results) == HealthStatus.UNHEALTHY ? 503 : 200, JSON,
                        healthJson(results).getBytes(StandardCharsets.UTF_8))));
            case "/health/ready":
                return health.get().thenApply(results -> status(HealthRegistry.aggregate(results)));
            default:
                return done(status(HealthStatus.HEALTHY));
        }
    }

    private CompletableFuture<HttpReply> metrics(HttpRequestHead request) {
        if (scrape == null) {
            return done(HttpReply.text(404, TEXT, "no metrics backend with a scrape is installed (add vigil-metrics-micrometer)\n"));
        }
        String accept = request.header("Accept");
        if (request.isHead()) {
            // HEAD must stay cheap: the media type is known without rendering the scrape.
            return done(HttpReply.headOnly(200, scrape.contentType(accept)).with("Vary", "Accept-Encoding"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> encoded(request, render(accept)), workers);
        } catch (RejectedExecutionException e) {
            return done(HttpReply.text(503, TEXT, "busy, retry\n").with("Retry-After", "1"));
        }
    }

    /** A generated file: it scrapes and renders, so it runs on a worker like a scrape. */
    private CompletableFuture<HttpReply> operationsFile(HttpRequestHead request, String name) {
        java.util.function.Function<String, byte[]> files = operations;
        if (files == null || name.isEmpty() || name.contains("/")) {
            return done(HttpReply.text(404, TEXT, "not found\n"));
        }
        String type = name.endsWith(".json") ? JSON : "application/yaml; charset=utf-8";
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] body = files.apply(name);
                    return body == null ? HttpReply.text(404, TEXT, "not found\n")
                            : encoded(request, request.isHead() ? HttpReply.headOnly(200, type) : HttpReply.of(200, type, body));
                } catch (RuntimeException | LinkageError e) {
                    ApiWarnings.warn("management", "Vigil could not generate " + name + ": " + e.getClass().getName());
                    return HttpReply.text(500, TEXT, "generation failed\n");
                }
            }, workers);
        } catch (RejectedExecutionException e) {
            return done(HttpReply.text(503, TEXT, "busy, retry\n").with("Retry-After", "1"));
        }
    }

    private HttpReply render(String accept) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
            scrape.scrape(accept, body);
            return HttpReply.of(200, scrape.contentType(accept), body.toByteArray());
        } catch (IOException | RuntimeException | LinkageError e) {
            ApiWarnings.warn("management", "Vigil's scrape failed: " + e.getClass().getName());
            return HttpReply.text(500, TEXT, "scrape failed\n");
        }
    }

    private static String healthJson(Map<String, HealthResult> results) {
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
        return json.append("}}").toString();
    }

    /** A probe's answer: the status alone, 503 when unhealthy. */
    private static HttpReply status(HealthStatus status) {
        return HttpReply.text(status == HealthStatus.UNHEALTHY ? 503 : 200, JSON, "{\"status\":\"" + status.jsonName() + "\"}");
    }

    /** Gzips the body when the client accepts gzip; the reply varies by that header either way. */
    private static HttpReply encoded(HttpRequestHead request, HttpReply reply) {
        byte[] body = reply.body();
        if (body == null || body.length == 0 || (reply.status() != 200 && reply.status() != 503) || !acceptsGzip(request.header("Accept-Encoding"))) {
            return reply.with("Vary", "Accept-Encoding");
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory gzip cannot fail", e);
        }
        return HttpReply.of(reply.status(), reply.header("Content-Type"), zipped.toByteArray())
                .with("Content-Encoding", "gzip").with("Vary", "Accept-Encoding");
    }

    /** Whether an {@code Accept-Encoding} value allows gzip: listed (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String part : acceptEncoding.split(",", -1)) {
            String[] params = part.split(";", -1);
            String coding = params[0].strip();
            boolean refused = false;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].strip().replace(" ", "");
                refused |= p.equalsIgnoreCase("q=0") || p.matches("(?i)q=0\\.0{0,3}");
            }
            if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
                return !refused;
            }
            star |= "*".equals(coding) && !refused;
        }
        return star;
    }

    private static CompletableFuture<HttpReply> done(HttpReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
