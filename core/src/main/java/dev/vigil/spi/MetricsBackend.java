package dev.vigil.spi;

import java.util.function.ToDoubleFunction;

/**
 * The metrics half of a backend. Core calls these only on a cache miss, with a validated spec, and caches
 * the returned instrument; so implementations may be as slow as a registry lookup, but must be
 * thread-safe. Throwing is allowed here: core turns it into a no-op meter and a rate-limited warning.
 */
public interface MetricsBackend extends VigilBackend {
    /**
     * Creates or finds a counter.
     *
     * @param spec the meter
     * @return the counter
     */
    CounterInstrument counter(MeterSpec spec);

    /**
     * Creates or finds a timer that publishes a histogram in seconds.
     *
     * @param spec the meter; {@link MeterSpec#buckets()} null means the default HTTP duration buckets
     * @return the timer
     */
    TimerInstrument timer(MeterSpec spec);

    /**
     * Creates or finds a distribution summary.
     *
     * @param spec the meter
     * @return the summary
     */
    SummaryInstrument summary(MeterSpec spec);

    /**
     * Registers a gauge. The object must be held weakly so that registering a gauge never leaks it.
     * The function is already guarded by core: it never throws and returns NaN on failure.
     *
     * @param spec the meter
     * @param obj the observed object
     * @param valueFunction reads the value from the object
     * @param <T> the object type
     */
    <T> void gauge(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction);

    /**
     * Registers a counter whose cumulative value is read from {@code obj} when the backend collects, as
     * Micrometer's {@code FunctionCounter} does. Core uses it for counts it keeps itself, so that one recording
     * costs one atomic update rather than two: the overflow series of a counter and its count of folds. The
     * object must be held weakly, as for {@link #gauge}; core keeps it alive. The function never throws and
     * its value never decreases.
     *
     * <p>Optional: the default registers nothing and returns false, and core records into a {@link #counter}
     * of the same spec instead.
     *
     * @param spec the meter, a counter
     * @param obj the object holding the count
     * @param valueFunction reads the cumulative value
     * @param <T> the object type
     * @return whether the counter was registered (or deliberately ignored, for example after close)
     */
    default <T> boolean functionCounter(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
        return false;
    }

    /**
     * The scrape this backend serves at {@code /metrics}, if it is a pull backend.
     *
     * @return the scrape source, or null
     */
    default ScrapeSource scrapeSource() {
        return null;
    }
}
