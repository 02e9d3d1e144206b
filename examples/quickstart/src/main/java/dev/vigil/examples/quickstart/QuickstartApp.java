package dev.vigil.examples.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Http;
import dev.vigil.Observation;
import dev.vigil.Task;
import dev.vigil.Vigil;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain Java HTTP service with Vigil: no framework, no agent. Run it with the README's first command, then:
 * <pre>
 * curl -X POST 'http://localhost:8080/checkout?plan=pro'
 * curl -X POST 'http://localhost:8080/faults?error_rate=0.2'
 * curl -X POST --data-binary 'some words here' 'http://localhost:8080/documents?type=pdf'
 * curl -X POST -H 'X-Api-Key: demo' --data-binary 'some words here' 'http://localhost:8080/documents?type=pdf'
 * curl http://localhost:8080/storefront
 * curl http://localhost:9464/metrics
 * curl -s http://localhost:9464/metrics | grep '^db_client'
 * curl http://localhost:9464/health
 * </pre>
 */
public final class QuickstartApp implements AutoCloseable {
    private final Vigil vigil;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ExecutorService emails;
    private final HikariDataSource pool;

    private QuickstartApp(Vigil vigil, HttpServer server, ExecutorService executor, ExecutorService emails,
                          HikariDataSource pool) {
        this.vigil = vigil;
        this.server = server;
        this.executor = executor;
        this.emails = emails;
        this.pool = pool;
    }

    /**
     * Installs Vigil and starts the service.
     *
     * @param servicePort the service's port, 0 for a free one
     * @param managementPort Vigil's management port, 0 for a free one
     * @return the running app
     * @throws IOException when the service port cannot be bound
     */
    @SuppressWarnings("try") // the storage observation is opened for its effect
    public static QuickstartApp start(int servicePort, int managementPort) throws IOException {
        Vigil vigil = Vigil.builder()
                .serviceName("quickstart")
                .serviceVersion("1.0.0")
                .environment("dev")
                .managementPort(managementPort)
                .install();
        // Two SLOs on the checkout: burn-rate rules in /operations/prometheus-rules.yml, budgets on the status page.
        vigil.slo("checkout-availability").availability(99.9).over(java.time.Duration.ofDays(30)).onHttpRoute("/checkout");
        vigil.slo("checkout-latency").latency(0.95, java.time.Duration.ofMillis(500)).over(java.time.Duration.ofDays(30))
                .onHttpRoute("/checkout");
        // An in-memory database behind a HikariCP pool: every statement and the pool show on /metrics.
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1");
        pool.setPoolName("quickstart");
        pool.setMaximumPoolSize(4);
        OrderStore orders = OrderStore.create(vigil.db().dataSource(pool));
        Shop shop = new Shop(vigil, orders);
        DocumentProcessor processor = new DocumentProcessor(vigil);
        vigil.health().register("documents", () -> processor.accuracy() >= 0.8
                ? dev.vigil.HealthResult.healthy()
                : dev.vigil.HealthResult.degraded("extraction accuracy below 80%"));

        HttpServer server = HttpServer.create(new InetSocketAddress(servicePort), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        Map<String, Integer> wordCache = new ConcurrentHashMap<>();
        vigil.cache("words").size(wordCache::size);
        ExecutorService emails = vigil.tasks().executor("emails", Executors.newSingleThreadExecutor());
        // Every handler is wrapped with its route template: the http.server.* metrics and a server span per request.
        Http http = vigil.http();
        // POST /faults?error_rate=0.2 makes that share of later checkouts answer 500, to watch the error ratio, the
        // alerts and /health react; error_rate=0 stops it.
        FaultInjector faults = new FaultInjector();
        server.createContext("/faults", http.serverHandler("/faults", ex -> handle(ex,
                () -> faults.set(param(ex, "error_rate", "0")))));
        server.createContext("/checkout", http.serverHandler("/checkout", ex -> handle(ex, () -> {
            faults.maybeFail();
            String json = shop.checkout(param(ex, "plan", "free")).toJson();
            emails.submit(Task.named("send-receipt", () -> json.length()));  // task_duration_seconds{task_name=...}
            return json;
        })));
        server.createContext("/documents", http.serverHandler("/documents", ex -> handle(ex, () -> {
            String type = param(ex, "type", "pdf");
            vigil.kpi("documents.uploaded").tag("type", type).increment();
            byte[] body = ex.getRequestBody().readAllBytes();
            // auth_attempts_total: an API key is required; a missing one is a failure with a low-cardinality reason.
            if (ex.getRequestHeaders().getFirst("X-Api-Key") == null) {
                vigil.auth().attempt("api_key").failure("missing_key");
            } else {
                vigil.auth().attempt("api_key").success();
            }
            // cache_requests_total: a document seen before is answered from the word-count cache.
            String key = type + ':' + Arrays.hashCode(body);
            Integer cached = wordCache.get(key);
            if (cached != null) {
                vigil.cache("words").hit();
                return "{\"words\":" + cached + "}";
            }
            vigil.cache("words").miss();
            int words;
            // storage_operation_duration_seconds and storage_operation_size_bytes: the upload to the document store.
            try (Observation o = vigil.storage("documents").upload(body.length).start()) {
                words = processor.extract(type, body);
            }
            if (wordCache.size() < 1_000) {
                wordCache.put(key, words);
                vigil.cache("words").put();
            }
            return "{\"words\":" + words + "}";
        })));
        server.createContext("/catalog", http.serverHandler("/catalog",
                ex -> respond(ex, 200, "{\"plans\":[\"free\",\"pro\"]}")));
        // The storefront calls the catalog through the wrapped client: http.client.request.duration, and a client
        // span whose child is the catalog's server span, in one trace.
        HttpClient client = http.client(HttpClient.newHttpClient());
        server.createContext("/storefront", http.serverHandler("/storefront", ex -> {
            URI catalog = URI.create("http://127.0.0.1:" + ex.getLocalAddress().getPort() + "/catalog");
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(catalog).build(),
                        HttpResponse.BodyHandlers.ofString());
                respond(ex, 200, "{\"catalog\":" + r.body().strip() + "}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(ex, 503, "{\"error\":\"interrupted\"}");
            }
        }));
        server.start();
        return new QuickstartApp(vigil, server, executor, emails, pool);
    }

    /** @return the service's bound port */
    public int servicePort() {
        return server.getAddress().getPort();
    }

    /** @return Vigil's bound management port */
    public int managementPort() {
        return vigil.managementPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        emails.shutdownNow();
        pool.close();
        vigil.close();
    }

    /**
     * Starts the quickstart on port 8080 (or {@code PORT}) with management on 9464 (or {@code VIGIL_MANAGEMENT_PORT}).
     *
     * @param args unused
     * @throws Exception when a port is taken
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        int management = Integer.parseInt(System.getenv().getOrDefault("VIGIL_MANAGEMENT_PORT", "9464"));
        QuickstartApp app = start(port, management);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("Quickstart service:  http://localhost:" + app.servicePort() + "/checkout?plan=pro  (POST)");
        System.out.println("                     http://localhost:" + app.servicePort() + "/documents?type=pdf  (POST a body)");
        System.out.println("                     http://localhost:" + app.servicePort() + "/storefront  (calls /catalog)");
        System.out.println("Vigil metrics:       http://localhost:" + app.managementPort() + "/metrics");
        System.out.println("Vigil health:        http://localhost:" + app.managementPort() + "/health");
        System.out.println("Vigil status page:   http://localhost:" + app.managementPort() + "/");
        System.out.println("Vigil alert rules:   http://localhost:" + app.managementPort() + "/operations/prometheus-rules.yml");
        System.out.println(app.vigil.errors().isEnabled()
                ? "Sentry:              failing checkouts (plan=gold) are reported to SENTRY_DSN"
                : "Sentry:              off; set SENTRY_DSN to report failing checkouts");
        System.out.println("Press Ctrl+C to stop.");
        Thread.currentThread().join();
    }

    private interface Work {
        String run() throws IOException;
    }

    private static void handle(HttpExchange ex, Work work) throws IOException {
        int code;
        String body;
        if (!"POST".equals(ex.getRequestMethod())) {
            code = 405;
            body = "{\"error\":\"use POST\"}";
        } else {
            try {
                body = work.run();
                code = 200;
            } catch (RuntimeException e) {
                code = 500;
                body = "{\"error\":\"" + e.getClass().getSimpleName() + "\"}";
            }
        }
        respond(ex, code, body);
    }

    private static void respond(HttpExchange ex, int code, String body) throws IOException {
        // A trailing newline keeps a shell prompt off the response line when users curl the service.
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String param(HttpExchange ex, String name, String fallback) {
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return fallback;
    }
}
