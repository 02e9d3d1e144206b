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
     * Adds a low-cardinality tag: a metric tag of the timer and a span attribute.
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
     * Also records a timer (histogram in seconds) of this name, tagged with the {@link #tag tags}.
     *
     * @param metricName the timer's dotted name
     * @return this builder
     */
    ObservationBuilder timer(String metricName);

    /**
     * Starts the observation and makes it current on this thread.
     *
     * @return the started observation; close it
     */
    Observation start();
}
