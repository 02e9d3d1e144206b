package dev.vigil;

import java.time.Duration;
import java.util.function.Supplier;

/** A pre-bound timer from {@link Kpi#timer()}. Safe to keep in a field and share between threads. */
public interface KpiTimer {
    /**
     * Records a duration; a negative one is ignored with a rate-limited warning.
     *
     * @param nanos the duration in nanoseconds
     */
    void recordNanos(long nanos);

    /**
     * Records a duration.
     *
     * @param duration the duration
     */
    void record(Duration duration);

    /**
     * Times a supplier; when it throws, the duration is recorded with {@code error.type} and the exception
     * is rethrown unchanged.
     *
     * @param work the work
     * @param <T> the result type
     * @return what the supplier returned
     */
    <T> T time(Supplier<T> work);

    /**
     * Times a runnable; failures as in {@link #time(Supplier)}.
     *
     * @param work the work
     */
    void time(Runnable work);
}
