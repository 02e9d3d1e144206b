package dev.vigil.examples.w3c;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.propagation.HttpExchangePropagation;
import dev.vigil.propagation.PropagatedContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service that the official W3C trace-context test suite ({@code test/test.py} of github.com/w3c/trace-context)
 * drives: for {@code POST /test} with a JSON array of {@code {"url", "arguments"}} it continues the incoming trace and,
 * before answering, POSTs each element's {@code arguments} to its {@code url} from a new CLIENT span, propagating
 * {@code traceparent}, {@code tracestate} and {@code baggage}. Plain JDK HTTP server, Vigil core only.
 *
 * <p>It binds to the loopback address only: it POSTs to whatever URL a request names, which must not be offered to a
 * network.
 */
public final class TraceContextService implements AutoCloseable {
    /** The harness gives up after 5 s; the callbacks get 4 s in all, which leaves room to answer. */
    static final Duration CALLBACK_BUDGET = Duration.ofSeconds(4);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** The harness sends a few hundred bytes; anything near this is not the harness. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final Vigil vigil;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CallbackClient callbacks;
    private final Duration budget;

    private TraceContextService(Vigil vigil, HttpServer server, ExecutorService executor, Duration budget) {
        this.vigil = vigil;
        this.server = server;
        this.executor = executor;
        this.budget = budget;
        this.callbacks = new CallbackClient(vigil, CONNECT_TIMEOUT.compareTo(budget) < 0 ? CONNECT_TIMEOUT : budget);
    }

    /**
     * Starts the service on 127.0.0.1 with the callbacks' default time budget.
     *
     * @param vigil the Vigil the observations go to; the caller closes it
     * @param port the port, 0 for a free one
     * @return the running service
     * @throws IOException when the port cannot be bound
     */
    public static TraceContextService start(Vigil vigil, int port) throws IOException {
        return start(vigil, port, CALLBACK_BUDGET);
    }

    static TraceContextService start(Vigil vigil, int port, Duration callbackBudget) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // Several threads: a callback URL may be this service's own /test (the suite's nested arguments allow it).
        ExecutorService executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        TraceContextService service = new TraceContextService(vigil, server, executor, callbackBudget);
        server.createContext("/test", service::handle);
        server.start();
        return service;
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the endpoint to give the suite, {@code http://127.0.0.1:<port>/test} */
    public URI testUri() {
        return URI.create("http://127.0.0.1:" + port() + "/test");
    }

    /** Stops serving at once and stops the handler threads; the caller closes its Vigil. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            long deadline = System.nanoTime() + budget.toNanos();
            // From the root, not Context.current(): a pooled handler thread must not inherit anything.
            PropagatedContext remote = HttpExchangePropagation.extract(exchange);
            Context incoming = Context.root().withSpan(remote.spanContext()).withBaggage(remote.baggage());
            exchange.sendResponseHeaders(serve(exchange, incoming, deadline), -1);
        }
    }

    /** Returns the status: 200 once the callbacks were attempted, whatever became of them. */
    @SuppressWarnings("try") // the scope is never referenced: it only has to be closed
    private int serve(HttpExchange exchange, Context incoming, long deadline) throws IOException {
        try (Scope scope = incoming.makeCurrent();
             Observation span = vigil.observation("POST /test").kind(SpanKind.SERVER)
                     .attribute("http.request.method", "POST").start()) {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                span.attribute("http.response.status_code", "413");
                return 413;
            }
            List<Callback> list;
            try {
                list = Callback.parseAll(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                span.error(e).attribute("http.response.status_code", "400");
                return 400;
            }
            callbacks.callAll(list, deadline);
            span.attribute("http.response.status_code", "200");
            return 200;
        }
    }

    /** @return the body, or null when it is larger than {@link #MAX_BODY_BYTES} */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    /**
     * Installs Vigil as {@code w3c-tracecontext} and serves {@code POST /test} on 127.0.0.1.
     *
     * @param args an optional port; else the {@code PORT} environment variable; else 8090 (0 picks a free port)
     * @throws Exception when the port is taken or not a number
     */
    public static void main(String[] args) throws Exception {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8090");
        Vigil vigil = Vigil.builder().serviceName("w3c-tracecontext").install();
        TraceContextService service = start(vigil, Integer.parseInt(port.trim()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            vigil.close();
        }));
        System.out.println("W3C trace-context test service: " + service.testUri());
        System.out.println("Run the suite from trace-context/test:  STRICT_LEVEL=2 SPEC_LEVEL=2 python3 test.py " + service.testUri());
        System.out.println("Press Ctrl+C to stop.");
        Thread.currentThread().join();
    }
}
