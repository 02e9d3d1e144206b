package dev.vigil;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A fluent description of one business KPI, ended by a recording call. Obtain it with
 * {@link Vigil#kpi(String)}; it is cheap enough to build on every call (meter handles are cached), and
 * {@link #counter()}, {@link #timer()} and {@link #summary()} pre-bind a handle for the hottest paths.
 *
 * <pre>{@code
 * vigil.kpi("orders.placed").tag("plan", "pro").increment();
 * vigil.kpi("orders.revenue").unit("usd").tag("plan", "pro").add(49.0);
 * vigil.kpi("cart.items").record(3);
 * String pdf = vigil.kpi("invoice.render").time(() -> render());
 * vigil.kpi("queue.depth").gauge(queue, Queue::size);
 * }</pre>
 *
 * <p>A KPI is a mutable builder used by one thread for one statement; do not share or keep it. Bad input
 * (a null or empty name, a null tag, NaN, a name already used with another meter type) never throws: the
 * call is a no-op and Vigil logs a rate-limited warning.
 */
public interface Kpi {
    /**
     * Adds a tag. Keep values low-cardinality; Vigil bounds the distinct tag sets per metric.
     *
     * @param key the tag key, for example {@code plan}
     * @param value the tag value, for example {@code pro}
     * @return this KPI
     */
    Kpi tag(String key, String value);

    /**
     * Sets the unit, for example {@code usd}, {@code By} or {@code {document}}.
     *
     * @param unit the unit
     * @return this KPI
     */
    Kpi unit(String unit);

    /**
     * Sets a human description, shown as the Prometheus HELP line.
     *
     * @param description the description
     * @return this KPI
     */
    Kpi description(String description);

    /**
     * Sets explicit histogram bucket boundaries for {@link #time} (in seconds) or {@link #record}.
     *
     * @param boundaries ascending upper bounds
     * @return this KPI
     */
    Kpi buckets(double... boundaries);

    /**
     * Makes {@link #time} also an observation: a span named after the KPI (once a tracing backend is
     * present), with the tags as attributes.
     *
     * @return this KPI
     */
    Kpi traced();

    /** Adds one to the counter of this name. */
    void increment();

    /**
     * Adds an amount to the counter of this name.
     *
     * @param amount a finite, non-negative amount
     */
    void add(double amount);

    /**
     * Records a value in the distribution summary of this name.
     *
     * @param value a finite value
     */
    void record(double value);

    /**
     * Times a supplier with the timer of this name. A supplier that throws is recorded with
     * {@code error.type} set and the exception is rethrown unchanged.
     *
     * @param work the work to time
     * @param <T> the result type
     * @return what the supplier returned
     */
    <T> T time(Supplier<T> work);

    /**
     * Times a runnable with the timer of this name; failures as in {@link #time(Supplier)}.
     *
     * @param work the work to time
     */
    void time(Runnable work);

    /**
     * Registers a gauge read from an object at collection time. The object is held weakly, so the gauge
     * never keeps it alive; a function that throws reads as NaN and logs a rate-limited warning.
     *
     * @param obj the observed object
     * @param valueFunction reads the value
     * @param <T> the object type
     * @return the object, for chaining in a field initializer
     */
    <T> T gauge(T obj, ToDoubleFunction<T> valueFunction);

    /**
     * Binds the counter once, for hot paths.
     *
     * @return the counter handle
     */
    KpiCounter counter();

    /**
     * Binds the timer once, for hot paths.
     *
     * @return the timer handle
     */
    KpiTimer timer();

    /**
     * Binds the distribution summary once, for hot paths.
     *
     * @return the summary handle
     */
    KpiSummary summary();
}
