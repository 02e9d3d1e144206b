package dev.vigil.propagation;

import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.util.List;

/**
 * Propagates a {@link SpanContext} in the W3C Trace Context headers {@code traceparent} and {@code tracestate}.
 *
 * <p>Extraction follows the spec at the strictest level of the official W3C test suite:
 * <ul>
 *   <li>a missing, repeated or malformed {@code traceparent} yields {@link SpanContext#invalid()} (the caller starts a
 *       new trace), and {@code tracestate} is then not even read, as the spec requires;
 *   <li>a higher, unknown version is parsed by the spec's forward-compatibility rules;
 *   <li>{@code tracestate} fields are combined in order and validated as described in
 *       {@link TraceState#parse(List)}; an invalid {@code tracestate} is dropped without affecting the trace id.
 * </ul>
 * Extraction never throws and never returns a partially parsed value. Injection always writes version {@code 00}.
 */
public final class W3CTraceContextPropagator {

    /** Header carrying version, trace id, parent (span) id and flags. */
    public static final String TRACEPARENT = "traceparent";

    /** Header carrying vendor-specific trace state. */
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator INSTANCE = new W3CTraceContextPropagator();
    private static final List<String> FIELDS = List.of(TRACEPARENT, TRACESTATE);

    private W3CTraceContextPropagator() {}

    /**
     * Returns the propagator; it is stateless, so one instance serves everyone.
     *
     * @return the shared instance
     */
    public static W3CTraceContextPropagator getInstance() {
        return INSTANCE;
    }

    /**
     * Returns the header names this propagator reads and writes, e.g. to clear them before re-injection.
     *
     * @return {@code [traceparent, tracestate]}
     */
    public List<String> fields() {
        return FIELDS;
    }

    /**
     * Writes {@code traceparent} (version 00) and, if the state is non-empty, {@code tracestate}. Nothing is written
     * for an invalid context, because an all-zero traceparent would be rejected downstream anyway. Unknown trace flag
     * bits are sent as zero, as the spec requires.
     *
     * @param context the context to send; {@code null} is treated as invalid
     * @param carrier the carrier to write to
     * @param setter writes one header into the carrier
     * @param <C> the carrier type
     */
    public <C> void inject(SpanContext context, C carrier, TextMapSetter<C> setter) {
        if (context == null || !context.isValid() || carrier == null || setter == null) {
            return;
        }
        setter.set(carrier, TRACEPARENT, TraceparentCodec.encode(context));
        TraceState state = context.traceState();
        if (!state.isEmpty()) {
            setter.set(carrier, TRACESTATE, state.asW3CString());
        }
    }

    /**
     * Reads the remote parent context from the carrier.
     *
     * @param carrier the carrier to read from
     * @param getter reads headers from the carrier; its {@link TextMapGetter#getAll} must report repeated fields
     * @param <C> the carrier type
     * @return the remote parent, or {@link SpanContext#invalid()} if absent or invalid; never {@code null}
     */
    public <C> SpanContext extract(C carrier, TextMapGetter<C> getter) {
        if (carrier == null || getter == null) {
            return SpanContext.invalid();
        }
        try {
            return doExtract(carrier, getter);
        } catch (RuntimeException e) {
            // The parsers are written not to throw on any input; this guard only covers misbehaving user-supplied
            // getters (e.g. a carrier mutated concurrently), because extraction must never fail a request.
            return SpanContext.invalid();
        }
    }

    private static <C> SpanContext doExtract(C carrier, TextMapGetter<C> getter) {
        List<String> parents = getter.getAll(carrier, TRACEPARENT);
        if (parents == null || parents.size() != 1) {
            return SpanContext.invalid(); // absent, or repeated: which one would be right is unknowable
        }
        String value = parents.get(0);
        SpanContext parent = value == null ? null : TraceparentCodec.decode(value);
        if (parent == null) {
            return SpanContext.invalid(); // and tracestate is ignored: "MUST NOT attempt to parse tracestate"
        }
        List<String> states = getter.getAll(carrier, TRACESTATE);
        if (states == null || states.isEmpty()) {
            return parent;
        }
        TraceState state = TraceState.parse(states);
        return state.isEmpty() ? parent : parent.withTraceState(state);
    }
}
