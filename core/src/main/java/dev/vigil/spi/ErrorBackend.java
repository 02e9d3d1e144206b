package dev.vigil.spi;

import java.util.Map;

/**
 * The error-reporting half of a backend (Sentry): receives what {@code vigil.errors()} reports. Core calls it on
 * the application's thread, so every method must return quickly and never block: a backend queues, bounded, and
 * counts what it drops. Core catches anything it throws.
 *
 * <p>Sampling comes first: core asks {@link #sample()} before it builds anything, so an event the backend would
 * drop costs the application almost nothing.
 */
public interface ErrorBackend extends VigilBackend {
    /**
     * Decides whether the next report will be sent, before core builds it. Cheap and thread-safe (a random draw
     * against the configured rate).
     *
     * @return true to receive the report in {@link #report(ErrorEvent)}
     */
    boolean sample();

    /**
     * Reports an exception or a message that {@link #sample()} accepted.
     *
     * @param event the report
     */
    void report(ErrorEvent event);

    /**
     * Records a breadcrumb: a trail of what happened before the next error, bounded by the backend.
     *
     * @param category a short category such as {@code upload} or {@code http}
     * @param message what happened
     * @param data more detail; never null, possibly empty; values as the caller gave them
     */
    void breadcrumb(String category, String message, Map<String, ?> data);
}
