package dev.vigil.spi;

/**
 * Follows one observation for a signal other than metrics: a tracing backend turns it into a span, a
 * logging backend puts its ids in the log context, an error backend reports its failure. One call site
 * thus feeds every signal.
 *
 * <p>Life cycle, on one observation: {@link #onStart} on the calling thread (a tracer makes its span
 * current here); {@link #onScopeClosed} on the same thread when the instrumented code returns (the
 * tracer restores the previous context); {@link #onStop} when the work is done, which for a
 * {@link java.util.concurrent.CompletionStage} may be later and on another thread. Core catches anything
 * a handler throws, so a broken handler never reaches the host.
 */
public interface ObservationHandler {
    /**
     * Starts following an observation.
     *
     * @param context the observation; mutable only by core
     * @return this handler's state for the observation (a span, a scope), passed back later; may be null
     */
    Object onStart(ObservationContext context);

    /**
     * The instrumented code returned on the thread that started the observation: restore the context
     * that was current before {@link #onStart}.
     *
     * @param context the observation
     * @param state what {@link #onStart} returned
     */
    default void onScopeClosed(ObservationContext context, Object state) {
    }

    /**
     * The observed work is done; {@link ObservationContext#error()} says whether it failed.
     *
     * @param context the observation
     * @param state what {@link #onStart} returned
     */
    void onStop(ObservationContext context, Object state);

    /**
     * Whether this handler ignores unsampled observations (an exporter of spans does). When every installed
     * handler says so, core skips handlers for unsampled observations altogether, so they cost only their
     * ids and context. A handler that reports errors or fills log context must answer false.
     *
     * @return true when unsampled observations need not reach this handler
     */
    default boolean sampledOnly() {
        return false;
    }
}
