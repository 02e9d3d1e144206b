package dev.vigil.propagation;

/**
 * Writes string headers into a carrier (HTTP request builder, message headers, ...) so that propagators do not depend
 * on any transport type.
 *
 * @param <C> the carrier type
 */
public interface TextMapSetter<C> {

    /**
     * Sets header {@code key} to {@code value}, replacing any previous value: propagators write each header once, and
     * a leftover second {@code traceparent} would make the receiver discard the trace context.
     *
     * @param carrier the carrier
     * @param key the header name (lowercase)
     * @param value the header value, never {@code null}
     */
    void set(C carrier, String key, String value);
}
