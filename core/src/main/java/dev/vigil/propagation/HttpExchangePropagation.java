package dev.vigil.propagation;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.util.List;

/**
 * Reads the W3C trace context and baggage from requests served by the JDK's built-in HTTP server
 * ({@code com.sun.net.httpserver}).
 *
 * <p>{@link Headers} already matches names case-insensitively and keeps repeated fields as a list, which is exactly
 * what the W3C rules need: {@code TraceParent} is the same header as {@code traceparent}, a repeated
 * {@code traceparent} must invalidate the context, and repeated {@code tracestate}/{@code baggage} fields are combined.
 */
public final class HttpExchangePropagation {

    private static final TextMapGetter<Headers> GETTER = new HeadersGetter();

    private HttpExchangePropagation() {}

    /**
     * Extracts the trace context and baggage from the exchange's request headers.
     *
     * @param exchange the server exchange
     * @return the remote context; {@link PropagatedContext#empty()} parts if absent or invalid, never {@code null}
     */
    public static PropagatedContext extract(HttpExchange exchange) {
        return exchange == null ? PropagatedContext.empty() : extract(exchange.getRequestHeaders());
    }

    /**
     * Extracts the trace context and baggage from request headers.
     *
     * @param requestHeaders the request headers
     * @return the remote context, never {@code null}
     */
    public static PropagatedContext extract(Headers requestHeaders) {
        return Propagation.w3c().extract(requestHeaders, GETTER);
    }

    /**
     * Returns a getter over {@link Headers}, for use with the individual propagators.
     *
     * @return a stateless, thread-safe getter that reports repeated fields
     */
    public static TextMapGetter<Headers> getter() {
        return GETTER;
    }

    private static final class HeadersGetter implements TextMapGetter<Headers> {

        @Override
        public Iterable<String> keys(Headers carrier) {
            return carrier == null ? List.of() : carrier.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
            return carrier == null ? null : carrier.getFirst(key);
        }

        @Override
        public List<String> getAll(Headers carrier, String key) {
            List<String> values = carrier == null ? null : carrier.get(key);
            return values == null ? List.of() : values;
        }
    }
}
