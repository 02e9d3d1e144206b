package dev.vigil.conformance;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.GenAiCall;
import dev.vigil.Observation;
import dev.vigil.Task;
import dev.vigil.Vigil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Drives every domain of the conventions through its real entry point, one method per domain, so that a new domain
 * (GenAI, say) is one more method here and one more call in {@link AllConventionsScrapeTest}. Everything it starts
 * is closed by {@link #close()}.
 */
@SuppressWarnings("try") // observations opened for their effect
final class DomainTraffic implements AutoCloseable {
    private final Vigil vigil;
    private HttpServer server;
    private ExecutorService serverThreads;
    private HikariDataSource pool;
    private ExecutorService tasks;
    /** Held here: a gauge holds what it reads weakly. */
    private final AtomicInteger depth = new AtomicInteger(3);

    DomainTraffic(Vigil vigil) {
        this.vigil = vigil;
    }

    /** A JDK server with a templated route, called through the wrapped client: server and client conventions. */
    void http() throws IOException, InterruptedException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/orders", vigil.http().serverHandler("/orders/{id}", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().endsWith("/fail") ? 503 : 200;
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }));
        server.start();
        HttpClient client = vigil.http().client(HttpClient.newHttpClient());
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/orders/";
        for (String id : new String[] {"1", "2", "fail"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + id))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":2}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 503) {
                throw new IllegalStateException("unexpected status " + r.statusCode());
            }
        }
    }

    /** Real SQL on H2 through HikariCP, then the pool squeezed until a request times out. */
    void db(String poolName) throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        pool = new HikariDataSource(); // unstarted, so that the wrapper can give it Vigil's metrics tracker
        pool.setJdbcUrl("jdbc:h2:mem:conformance;DB_CLOSE_DELAY=-1");
        pool.setPoolName(poolName);
        // Two connections: HikariCP opens its first before it takes the metrics tracker, so only the second shows
        // in db.client.connection.create_time.
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(2);
        pool.setConnectionTimeout(250);
        DataSource ds = vigil.db().dataSource(pool);
        try (Connection c = ds.getConnection(); Connection held = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT)");
            s.executeUpdate("INSERT INTO orders (id, total) VALUES (1, 10)");
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders WHERE total > 5")) {
                while (rs.next()) {
                    rs.getInt(1);
                }
            }
            try {
                s.executeQuery("SELECT * FROM missing");
            } catch (SQLException expected) {
                // a failed statement: error.type on the duration
            }
            // Both connections are held here: a third borrower waits, then times out.
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> timedOut = other.submit(() -> {
                    try (Connection third = ds.getConnection()) {
                        return false;
                    } catch (SQLException e) {
                        return true;
                    }
                });
                if (!timedOut.get(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the pool of two handed out a third connection");
                }
            } finally {
                other.shutdownNow();
            }
        }
        vigil.db().pool("reports").used(() -> 1).idle(() -> 2).max(4).idleMax(3).idleMin(1).pendingRequests(() -> 0);
    }

    /** A message published and processed, its trace carried in headers; the depth and lag gauges. */
    void messaging() {
        Map<String, String> headers = new HashMap<>();
        try (Observation o = vigil.messaging().publish("orders").system("kafka").headers(headers).start()) {
            o.tag("messaging.message.kind", "order");
        }
        try (Observation o = vigil.messaging().process("orders").system("kafka").consumerGroup("billing")
                .headers(headers).start()) {
            o.attribute("messaging.message.body.size", 42L);
        }
        vigil.messaging().queueDepth("orders", () -> 3);
        vigil.messaging().consumerLag("orders", "billing", () -> 7);
    }

    /** Tasks that succeed and fail through an observed executor, and one it refuses. */
    void tasks() throws InterruptedException, TimeoutException {
        tasks = vigil.tasks().executor("emails", Executors.newSingleThreadExecutor());
        Future<?> ok = tasks.submit(Task.named("send-receipt", () -> { }));
        Future<?> failed = tasks.submit(Task.named("send-receipt", () -> {
            throw new IllegalStateException("smtp down");
        }));
        try {
            ok.get(10, TimeUnit.SECONDS);
            failed.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // the failing task
        }
        ExecutorService closed = vigil.tasks().executor("closed", Executors.newSingleThreadExecutor());
        closed.shutdown();
        try {
            closed.submit(Task.named("late", () -> { }));
            throw new IllegalStateException("a shut-down executor accepted a task");
        } catch (RejectedExecutionException expected) {
            // task.rejected
        }
    }

    /** Hits, misses, a put, an eviction and the size gauge. */
    void cache() {
        vigil.cache("users").hit();
        vigil.cache("users").miss();
        vigil.cache("users").put();
        vigil.cache("users").eviction();
        vigil.cache("users").size(() -> 12);
    }

    /** A successful and a failed attempt. */
    void auth() {
        vigil.auth().attempt("password").success();
        vigil.auth().attempt("password").failure("bad_password");
    }

    /** An upload and a download. */
    void storage() {
        try (Observation o = vigil.storage("documents").upload(2048).start()) {
            o.attribute("storage.key.kind", "pdf");
        }
        try (Observation o = vigil.storage("documents").download(4096).start()) {
            o.attribute("storage.key.kind", "pdf");
        }
    }

    /**
     * A priced chat with usage, a stream whose usage is estimated from its chunks, an unpriced model, a fallback, the
     * response cache, and a pipeline with its stages; the budget gauge comes from the builder's daily budget.
     */
    void genAi() {
        try (Observation rag = vigil.genAi().pipeline("rag").start()) {
            try (GenAiCall e = vigil.genAi().embeddings("openai", "text-embedding-3-small").start()) {
                e.usage(12, 0);
            }
            try (GenAiCall r = vigil.genAi().retrieval("qdrant", "docs-index").start()) {
                r.documents(4);
            }
            try (GenAiCall c = vigil.genAi().chat("openai", "gpt-4o-mini").serverAddress("api.openai.com").start()) {
                c.responseModel("gpt-4o-mini-2024-07-18").finishReason("stop");
                c.usage(1200, 350, 1000, 0);
            }
            rag.tag("gen_ai.pipeline.kind", "qa");
        }
        try (GenAiCall stream = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
            stream.chunk("Hello").chunk(" there");
        }
        try (GenAiCall unpriced = vigil.genAi().chat("anthropic", "claude-sonnet-4").start()) {
            unpriced.usage(10, 20);
        }
        vigil.genAi().fallback("openai", "anthropic", "rate_limited");
        vigil.genAi().responseCache("answers").hit();
        vigil.genAi().responseCache("answers").miss();
    }

    /** A user's KPIs of every kind: promtool judges them too. */
    void kpis() {
        vigil.kpi("orders.placed").tag("plan", "pro").increment();
        vigil.kpi("invoice.render").time(() -> "pdf");
        vigil.kpi("upload.size").unit("By").buckets(100, 1000).record(512);
        vigil.kpi("queue.depth").gauge(depth, AtomicInteger::get);
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
        if (tasks != null) {
            tasks.shutdown();
            tasks.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (pool != null) {
            pool.close();
        }
    }
}
