package dev.vigil.propagation;

import java.net.http.HttpRequest;

/**
 * Writes the W3C trace context and baggage into outgoing requests of the JDK HTTP client ({@code java.net.http}).
 */
public final class HttpClientPropagation {

    private static final TextMapSetter<HttpRequest.Builder> SETTER = HttpRequest.Builder::setHeader;

    private HttpClientPropagation() {}

    /**
     * Sets {@code traceparent}, {@code tracestate} and {@code baggage} on the request being built. {@code setHeader}
     * (not {@code header}) is used, so a builder reused for a retry does not end up with two {@code traceparent}
     * fields, which the receiver would have to reject.
     *
     * @param context the context to send; invalid or empty parts are not written
     * @param builder the request builder
     * @return {@code builder}, for chaining
     */
    public static HttpRequest.Builder inject(PropagatedContext context, HttpRequest.Builder builder) {
        Propagation.w3c().inject(context, builder, SETTER);
        return builder;
    }

    /**
     * Returns a setter over {@link HttpRequest.Builder}, for use with the individual propagators.
     *
     * @return a stateless setter that replaces existing values
     */
    public static TextMapSetter<HttpRequest.Builder> setter() {
        return SETTER;
    }
}
