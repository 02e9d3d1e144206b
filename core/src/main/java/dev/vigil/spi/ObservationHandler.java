package dev.vigil.spi;

/**
 * Follows observations for a signal other than metrics: a tracer turns them into spans, a logging backend puts
 * their ids in the log context, an error reporter reports their failures. One call site thus feeds every signal.
 *
 * <p><b>Life cycle</b> of one observation, as a handler sees it:
 * <ol>
 *   <li>{@link #onStart} on the thread that starts it, before it is current anywhere;</li>
 *   <li>{@link #onScopeOpened} / {@link #onScopeClosed}, in pairs on one thread, each time it becomes current on a
 *   thread and stops being current there: once right after {@code onStart} for an annotated method or
 *   {@code start()}, once per {@code makeCurrent()} for a detached observation;</li>
 *   <li>{@link #onStop} exactly once, when its work is done: possibly on another thread (a {@code CompletionStage}
 *   completing, a detached observation closed elsewhere), and for a detached observation possibly before a scope
 *   that is still open closes.</li>
 * </ol>
 * An observation started with {@code start()} and closed on another thread never gets {@code onScopeClosed} for
 * its starting thread's scope (that thread cannot be touched from the closing one); see
 * {@code docs/architecture.md}.
 *
 * <p><b>Which observations</b> a handler gets is its {@link #interest()}; core never calls a handler for others,
 * so an error reporter never makes a tracer see unsampled observations.
 *
 * <p><b>Order</b> is its {@link #order()}: {@code onStart} and {@code onScopeOpened} run tracing first (so the ids
 * are final when the others read them), then log context, then error reporting, then the rest;
 * {@code onScopeClosed} and {@code onStop} run in the reverse order. Handlers of the same order keep their
 * registration order.
 *
 * <p>Core catches every {@link Throwable} a handler throws (a {@code LinkageError} included), warns at a limited
 * rate, and goes on with the other handlers: a broken handler never reaches the host, and never leaves a thread's
 * context changed.
 *
 * <pre>{@code
 * final class ErrorReporter implements ObservationHandler {
 *     public Interest interest() { return Interest.FAILURES; }
 *     public Order order() { return Order.ERROR_REPORTING; }
 *     public void onStop(ObservationContext o, Object state) {
 *         if (o.error() != null && !o.errorAlreadySeen()) {
 *             report(o.error(), o.spanContext().traceIdHex());  // once per exception, at the innermost observation
 *         }
 *     }
 * }
 * }</pre>
 */
public interface ObservationHandler {
    /** Which observations a handler is called for. */
    enum Interest {
        /** Observations with a span of their own that core sampled: what an exporter of spans needs. */
        SAMPLED_SPANS,
        /** Every observation with a span of its own, sampled or not: what a log context needs. */
        SPANS,
        /**
         * Every observation, including those without a span of their own ({@code @Timed}- or {@code @Counted}-only
         * methods, untraced {@code kpi(...).time(...)}): every life-cycle call.
         */
        ALL,
        /** Only failed observations of any kind, and only {@link #onStop}: what an error reporter needs. */
        FAILURES
    }

    /** Where a handler runs among the others; see the class comment. */
    enum Order {
        /** Runs first, and alone may replace the span ids (during {@link #onStart}). */
        TRACING,
        /** Runs after tracing, so it reads the final ids. */
        LOG_CONTEXT,
        /** Runs after the log context, so a report can carry both. */
        ERROR_REPORTING,
        /** Runs last. */
        OTHER
    }

    /**
     * Read once, when Vigil is built.
     *
     * @return which observations this handler is called for; {@link Interest#ALL} by default
     */
    default Interest interest() {
        return Interest.ALL;
    }

    /**
     * Read once, when Vigil is built.
     *
     * @return where this handler runs among the others; {@link Order#OTHER} by default
     */
    default Order order() {
        return Order.OTHER;
    }

    /**
     * An observation starts; not yet current anywhere. A handler of order {@link Order#TRACING} may replace the ids
     * here with {@link ObservationContext#replaceSpanContext}. Not called for {@link Interest#FAILURES}.
     *
     * @param context the observation, read-only
     * @return this handler's state for the observation (a span), passed back later; may be null
     */
    default Object onStart(ObservationContext context) {
        return null;
    }

    /**
     * The observation became current on the calling thread (its span is what {@code Context.current()} shows).
     *
     * @param context the observation
     * @param state what {@link #onStart} returned
     */
    default void onScopeOpened(ObservationContext context, Object state) {
    }

    /**
     * The observation stopped being current on the calling thread, which opened the scope.
     *
     * @param context the observation
     * @param state what {@link #onStart} returned
     */
    default void onScopeClosed(ObservationContext context, Object state) {
    }

    /**
     * The observed work is done, exactly once; {@link ObservationContext#errorType()} says whether it failed. The
     * context may be read until this call returns, not later.
     *
     * @param context the observation
     * @param state what {@link #onStart} returned; null for {@link Interest#FAILURES}
     */
    void onStop(ObservationContext context, Object state);
}
