package dev.vigil.propagation;

import java.util.List;

/**
 * Extracts and injects a whole {@link PropagatedContext}: trace context and baggage together, so that transport
 * adapters need one call each way.
 */
public final class Propagation {

    private static final Propagation W3C = new Propagation();
    private static final List<String> FIELDS =
            List.of(W3CTraceContextPropagator.TRACEPARENT, W3CTraceContextPropagator.TRACESTATE,
                    W3CBaggagePropagator.BAGGAGE);

    private final W3CTraceContextPropagator traceContext = W3CTraceContextPropagator.getInstance();
    private final W3CBaggagePropagator baggage = W3CBaggagePropagator.getInstance();

    private Propagation() {}

    /**
     * Returns the W3C propagation: Trace Context ({@code traceparent}, {@code tracestate}) plus Baggage.
     *
     * @return the shared instance
     */
    public static Propagation w3c() {
        return W3C;
    }

    /**
     * Returns every header name read or written.
     *
     * @return {@code [traceparent, tracestate, baggage]}
     */
    public List<String> fields() {
        return FIELDS;
    }

    /**
     * Reads the trace context and the baggage; each is extracted independently, so invalid trace headers do not cost
     * the baggage, and vice versa.
     *
     * @param carrier the carrier to read from
     * @param getter reads headers from the carrier
     * @param <C> the carrier type
     * @return the extracted context, never {@code null}
     */
    public <C> PropagatedContext extract(C carrier, TextMapGetter<C> getter) {
        return new PropagatedContext(traceContext.extract(carrier, getter), baggage.extract(carrier, getter));
    }

    /**
     * Writes the trace context headers and the baggage header; parts that are invalid or empty are not written.
     *
     * @param context the context to send; {@code null} writes nothing
     * @param carrier the carrier to write to
     * @param setter writes one header into the carrier
     * @param <C> the carrier type
     */
    public <C> void inject(PropagatedContext context, C carrier, TextMapSetter<C> setter) {
        if (context == null) {
            return;
        }
        traceContext.inject(context.spanContext(), carrier, setter);
        baggage.inject(context.baggage(), carrier, setter);
    }
}
