package dev.vigil.propagation;

import java.util.List;

/**
 * Reads string headers from a carrier (HTTP request, message headers, ...) so that propagators do not depend on any
 * transport type.
 *
 * <p>Implementations decide case sensitivity: HTTP header names are case-insensitive, so HTTP getters should match
 * {@code traceparent} against {@code TraceParent} too.
 *
 * @param <C> the carrier type
 */
public interface TextMapGetter<C> {

    /**
     * Returns the header names present in the carrier.
     *
     * @param carrier the carrier
     * @return the names; never {@code null}
     */
    Iterable<String> keys(C carrier);

    /**
     * Returns the first value of header {@code key}.
     *
     * @param carrier the carrier, may be {@code null}
     * @param key the header name, as the propagator spells it (lowercase)
     * @return the value, or {@code null} if absent
     */
    String get(C carrier, String key);

    /**
     * Returns every value of header {@code key}, in arrival order.
     *
     * <p>Propagators need this because the W3C rules depend on repetition: two {@code traceparent} fields make the
     * request's trace context invalid, and repeated {@code tracestate}/{@code baggage} fields must be combined in
     * order. The default suits single-valued carriers such as {@code Map<String, String>}; multi-valued carriers (HTTP)
     * must override it, or repeated fields will silently be seen as one.
     *
     * @param carrier the carrier, may be {@code null}
     * @param key the header name
     * @return the values; empty (never {@code null}) if absent
     */
    default List<String> getAll(C carrier, String key) {
        String value = get(carrier, key);
        return value == null ? List.of() : List.of(value);
    }
}
