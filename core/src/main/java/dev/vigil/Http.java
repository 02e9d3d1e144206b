package dev.vigil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vigil.conventions.HttpConventions;
import dev.vigil.internal.ApiWarnings;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * HTTP instrumentation after the OpenTelemetry semantic conventions, for the JDK's own HTTP server and client; from
 * {@link Vigil#http()}. Every request gives the {@code http.server.*} or {@code http.client.*} metrics (see
 * {@link HttpConventions}), a span ({@code SERVER} or {@code CLIENT}) and, on failure, the same {@code error.type} on
 * both.
 *
 * <pre>{@code
 * server.createContext("/orders", vigil.http().serverHandler("/orders/{id}", ordersHandler));
 * server.createContext("/", vigil.http().serverHandler(exchange -> routeOf(exchange), rootHandler)); // null: no route
 * HttpClient client = vigil.http().client(HttpClient.newHttpClient());
 * }</pre>
 *
 * <p>The route is the template ({@code /orders/{id}}), never the raw path, so that distinct paths share one series.
 */
public final class Http {
    /** The methods OpenTelemetry knows; any other becomes {@code _OTHER}, so a client cannot grow the series. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    static final String OTHER_METHOD = "_OTHER";

    private final Vigil vigil;
    /** Per normalised method, the counts for http [0] and https [1]: at most 10 entries, looked up without allocating. */
    private final Map<String, AtomicReferenceArray<AtomicLong>> active = new ConcurrentHashMap<>();

    Http(Vigil vigil) {
        this.vigil = vigil;
    }

    /**
     * Wraps a handler of the JDK HTTP server: each exchange is timed and traced under a fixed route.
     *
     * @param route the route template, for example {@code /orders/{id}}; null for none
     * @param handler the handler to observe
     * @return the observing handler; {@code handler} itself when it is null (with a warning)
     */
    public HttpHandler serverHandler(String route, HttpHandler handler) {
        return serverHandler(route == null ? exchange -> null : exchange -> route, handler);
    }

    /**
     * Wraps a handler of the JDK HTTP server, the route computed per exchange.
     *
     * @param route returns the route template of an exchange, or null for none; a function that throws counts as
     *     none (with a rate-limited warning)
     * @param handler the handler to observe
     * @return the observing handler; {@code handler} itself when it is null (with a warning)
     */
    public HttpHandler serverHandler(Function<? super HttpExchange, String> route, HttpHandler handler) {
        if (handler == null || route == null) {
            ApiWarnings.warn("invalid-http", "serverHandler needs a route function and a handler; nothing is observed");
            return handler;
        }
        return new ObservedHttpHandler(vigil, this, route, handler);
    }

    /**
     * Wraps a JDK HTTP client: {@code send} and {@code sendAsync} are timed and traced (the latter until its future
     * completes), and each request carries {@code traceparent}, {@code tracestate} and {@code baggage}.
     *
     * @param client the client to observe; every other method delegates to it
     * @return the observing client; {@code client} itself when it is null (with a warning)
     */
    public HttpClient client(HttpClient client) {
        if (client == null) {
            ApiWarnings.warn("invalid-http", "client(null) observes nothing");
            return null;
        }
        return client instanceof ObservedHttpClient ? client : new ObservedHttpClient(vigil, client);
    }

    /**
     * Starts observing one request of another server (a servlet container, for example): the caller's W3C context
     * is extracted from the carrier, and the server span is started detached, so that the request may end on
     * another thread. End it with {@link HttpServerObservation#end}.
     *
     * @param method the request method as received; unknown methods become {@code _OTHER}
     * @param scheme {@code http} or {@code https}
     * @param route the route template, or null when not known (yet)
     * @param carrier the request headers
     * @param getter reads the headers
     * @param <C> the carrier type
     * @return the request's observation
     */
    public <C> HttpServerObservation serverObservation(String method, String scheme, String route, C carrier,
                                                       dev.vigil.propagation.TextMapGetter<C> getter) {
        return HttpServerObservation.start(vigil, this, method, scheme, route, carrier, getter);
    }

    /**
     * @param method a request method as received
     * @return the method if OpenTelemetry knows it, else {@code _OTHER}
     */
    static String method(String method) {
        // Methods are case-sensitive (RFC 9110): "get" is not GET, so it is _OTHER as well.
        return method != null && KNOWN_METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /** @return the span name: {@code {method} {route}}, {@code {method}} without a route, {@code HTTP} for _OTHER */
    static String spanName(String method, String route) {
        if (OTHER_METHOD.equals(method)) {
            return "HTTP";
        }
        return route == null ? method : method + ' ' + route;
    }

    /** @return the in-flight count of a normalised method and scheme, its gauge registered on first use */
    AtomicLong active(String method, String scheme) {
        int i = "https".equals(scheme) ? 1 : 0;
        AtomicReferenceArray<AtomicLong> counts = active.get(method);
        if (counts == null) {
            counts = active.computeIfAbsent(method, m -> new AtomicReferenceArray<>(2));
        }
        AtomicLong count = counts.get(i);
        if (count != null) {
            return count;
        }
        synchronized (counts) {
            if (counts.get(i) == null) {
                AtomicLong c = new AtomicLong();
                // The array holds the count strongly; the gauge, as every Vigil gauge, only weakly.
                vigil.kpi(HttpConventions.SERVER_ACTIVE_REQUESTS.name())
                        .unit(HttpConventions.SERVER_ACTIVE_REQUESTS.unit())
                        .description(HttpConventions.SERVER_ACTIVE_REQUESTS.description())
                        .tag("http.request.method", method).tag("url.scheme", i == 1 ? "https" : "http")
                        .gauge(c, AtomicLong::get);
                counts.set(i, c);
            }
            return counts.get(i);
        }
    }
}
