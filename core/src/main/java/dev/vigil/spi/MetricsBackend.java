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
     * The scrape this backend serves at {@code /metrics}, if it is a pull backend.
     *
     * @return the scrape source, or null
     */
    default ScrapeSource scrapeSource() {
        return null;
    }
}
