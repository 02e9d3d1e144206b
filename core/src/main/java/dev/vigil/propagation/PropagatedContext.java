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

    /**
     * Normalises {@code null} components so that callers never need null checks.
     *
     * @param spanContext the span context, may be {@code null}
     * @param baggage the baggage, may be {@code null}
     */
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

    /**
     * What the current thread would propagate: the span and baggage of {@link dev.vigil.context.Context#current()}.
     *
     * <pre>{@code HttpClientPropagation.inject(PropagatedContext.current(), requestBuilder);}</pre>
     *
     * @return the current span context and baggage
     */
    public static PropagatedContext current() {
        dev.vigil.context.Context c = dev.vigil.context.Context.current();
        return new PropagatedContext(c.span(), c.baggage());
    }

    /**
     * Continues an extracted context on this thread: its span becomes the parent of observations started
     * until the scope closes, and its baggage travels on.
     *
     * <pre>{@code
     * try (Scope s = HttpExchangePropagation.extract(exchange).makeCurrent();
     *      Observation o = vigil.observation("GET /orders").kind(SpanKind.SERVER).start()) { ... }
     * }</pre>
     *
     * @return the scope that restores the previous context
     */
    public dev.vigil.context.Scope makeCurrent() {
        return dev.vigil.context.Context.current().withSpan(spanContext).withBaggage(baggage).makeCurrent();
    }
}
