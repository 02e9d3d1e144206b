package dev.vigil.propagation;

import dev.vigil.trace.SpanContext;

/**
 * What crosses a process boundary: the trace context and the baggage. Immutable.
 *
 * @param spanContext the remote or local span context; {@code null} is normalised to {@link SpanContext#invalid()}
 * @param baggage the baggage; {@code null} is normalised to {@link Baggage#empty()}
 */
public record PropagatedContext(SpanContext spanContext, Baggage baggage) {

    private static final PropagatedContext EMPTY = new PropagatedContext(SpanContext.invalid(), Baggage.empty());

    /** Normalises {@code null} components so that callers never need null checks. */
    public PropagatedContext {
        spanContext = spanContext == null ? SpanContext.invalid() : spanContext;
        baggage = baggage == null ? Baggage.empty() : baggage;
    }

    /**
     * Returns the context carrying nothing: an invalid span context and empty baggage.
     *
     * @return the shared empty instance
     */
    public static PropagatedContext empty() {
        return EMPTY;
    }

    /**
     * Creates a context; a shorthand for the canonical constructor.
     *
     * @param spanContext the span context, may be {@code null}
     * @param baggage the baggage, may be {@code null}
     * @return the new context
     */
    public static PropagatedContext of(SpanContext spanContext, Baggage baggage) {
        return new PropagatedContext(spanContext, baggage);
    }
}
