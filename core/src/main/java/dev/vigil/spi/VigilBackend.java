package dev.vigil.spi;

import java.time.Duration;

/**
 * One adapter that Vigil composes with the others: metrics, tracing, logging or error reporting.
 *
 * <p>Backends are found through {@link BackendProvider} with {@link java.util.ServiceLoader}, all of them
 * (not first-wins), or given explicitly to the builder. An explicit backend replaces a discovered one with
 * the same {@link #name()} and is otherwise added.
 */
public interface VigilBackend {
    /**
     * A stable identifier, for example {@code micrometer} or {@code otel}; explicit backends replace
     * discovered backends of the same name.
     *
     * @return the name
     */
    String name();

    /**
     * The handler that follows observations (annotated methods, timed KPIs, convention wrappers) for the
     * signals other than metrics: spans, log context, error reports.
     *
     * @return the handler, or null when this backend does not follow observations
     */
    default ObservationHandler observationHandler() {
        return null;
    }

    /**
     * Called once when the owning {@link dev.vigil.Vigil} is installed or built, before any recording.
     *
     * @param context what the backend may use from core
     */
    default void start(BackendContext context) {
    }

    /**
     * Flushes and releases everything, within the timeout. Must not throw.
     *
     * @param timeout the most this call may take
     */
    default void close(Duration timeout) {
    }
}
