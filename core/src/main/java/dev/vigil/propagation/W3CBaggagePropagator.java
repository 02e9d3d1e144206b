package dev.vigil.propagation;

import java.util.List;

/**
 * Propagates {@link Baggage} in the W3C {@code baggage} header.
 *
 * <p>Baggage is independent of the trace context: it is read even when {@code traceparent} is missing or invalid,
 * since it carries application data rather than trace identity. Repeated fields are combined in order; parsing rules
 * and limits are those of {@link Baggage#parse(List)}.
 */
public final class W3CBaggagePropagator {

    /** The header name. */
    public static final String BAGGAGE = "baggage";

    private static final W3CBaggagePropagator INSTANCE = new W3CBaggagePropagator();
    private static final List<String> FIELDS = List.of(BAGGAGE);

    private W3CBaggagePropagator() {}

    /**
     * Returns the propagator; it is stateless, so one instance serves everyone.
     *
     * @return the shared instance
     */
    public static W3CBaggagePropagator getInstance() {
        return INSTANCE;
    }

    /**
     * Returns the header names this propagator reads and writes.
     *
     * @return {@code [baggage]}
     */
    public List<String> fields() {
        return FIELDS;
    }

    /**
     * Writes the {@code baggage} header, or nothing for empty baggage (the spec discourages empty headers).
     *
     * @param baggage the baggage; {@code null} is treated as empty
     * @param carrier the carrier to write to
     * @param setter writes one header into the carrier
     * @param <C> the carrier type
     */
    public <C> void inject(Baggage baggage, C carrier, TextMapSetter<C> setter) {
        if (baggage == null || baggage.isEmpty() || carrier == null || setter == null) {
            return;
        }
        String value = baggage.asW3CString();
        if (!value.isEmpty()) { // every member may have exceeded the byte limit on its own
            setter.set(carrier, BAGGAGE, value);
        }
    }

    /**
     * Reads baggage from the carrier.
     *
     * @param carrier the carrier to read from
     * @param getter reads headers from the carrier
     * @param <C> the carrier type
     * @return the baggage, {@link Baggage#empty()} if absent or wholly invalid; never {@code null}
     */
    public <C> Baggage extract(C carrier, TextMapGetter<C> getter) {
        if (carrier == null || getter == null) {
            return Baggage.empty();
        }
        try {
            return Baggage.parse(getter.getAll(carrier, BAGGAGE));
        } catch (RuntimeException e) {
            // The parser does not throw on any input; this only guards against misbehaving user-supplied getters,
            // because extraction must never fail a request.
            return Baggage.empty();
        }
    }
}
