package dev.vigil;

/**
 * Describes an observation before it starts; from {@link Vigil#observation(String)}. Single use, one thread.
 *
 * <pre>{@code
 * try (Observation o = vigil.observation("render invoice").timer("invoice.render").tag("format", "pdf").start()) {
 *     render();
 * }
 * }</pre>
 */
public interface ObservationBuilder {
    /**
     * @param kind the span kind; {@link SpanKind#INTERNAL} by default
     * @return this builder
     */
    ObservationBuilder kind(SpanKind kind);

    /**
     * Adds a low-cardinality tag: a metric tag of the timer and a span attribute. A key set again wins.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    ObservationBuilder tag(String key, String value);

    /**
     * Adds a span attribute that is not a metric tag (it may be high-cardinality, such as a URL).
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    ObservationBuilder attribute(String key, String value);

    /**
     * Adds an integer span attribute, exported as an integer (for example {@code server.port}).
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    ObservationBuilder attribute(String key, long value);

    /**
     * Adds a floating-point span attribute.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    ObservationBuilder attribute(String key, double value);

    /**
     * Adds a boolean span attribute.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    ObservationBuilder attribute(String key, boolean value);

    /**
     * Also records a timer (histogram in seconds) of this name, looked up at close with the final
     * {@link #tag tags}.
     *
     * @param metricName the timer's dotted name
     * @return this builder
     */
    ObservationBuilder timer(String metricName);

    /**
     * Links the span to another one it relates to but does not descend from: a message's producer, a batch's
     * members. Invalid or null contexts are ignored; at most a few links are kept.
     *
     * @param linked the other span's context
     * @return this builder
     */
    default ObservationBuilder link(dev.vigil.trace.SpanContext linked) {
        return this;
    }

    /**
     * Starts the observation and makes it current on this thread, until {@link Observation#close()}.
     *
     * @return the started observation; close it
     */
    Observation start();

    /**
     * Starts the observation without making it current anywhere: its parent is the current span, and its work may
     * run on other threads, each entering it with {@link Observation#makeCurrent()}. Close it from any thread.
     *
     * @return the started observation; close it
     */
    Observation startDetached();
}
