package dev.vigil.spi;

import dev.vigil.SpanKind;
import dev.vigil.trace.SpanContext;

/**
 * One observation as handlers see it: a read-only view, valid from {@link ObservationHandler#onStart} until
 * {@link ObservationHandler#onStop} returns. Only core changes it (the one exception is
 * {@link #replaceSpanContext}); handlers never keep it, and never cast it to anything else.
 *
 * <p>Attributes are the metric tags plus span-only attributes, in the order they were given, typed: a value is a
 * {@link String}, {@link Long}, {@link Double}, {@link Boolean} or an unmodifiable {@code List<String>} (a string
 * array attribute, such as {@code gen_ai.response.finish_reasons}). The list only grows: a tag or attribute set
 * again after start is appended, and the last value of a key wins (see {@link #attribute(String)}). So a handler
 * that wrote the first {@link #startAttributeCount()} at start writes the rest at stop.
 *
 * <pre>{@code
 * for (int i = 0; i < o.attributeCount(); i++) {
 *     put(o.attributeKey(i), o.attributeValue(i));   // later entries of the same key overwrite earlier ones
 * }
 * }</pre>
 */
public interface ObservationContext {
    /** @return the observation's name: the span name, {@code Class.method} for an annotated method, a KPI's name */
    String name();

    /** @return the span kind; {@link SpanKind#INTERNAL} when none was given */
    SpanKind kind();

    /**
     * Whether the observation has a span of its own. False for a {@code @Timed}- or {@code @Counted}-only method
     * and an untraced {@code kpi(...).time(...)}: they reach handlers of interest {@code ALL} or {@code FAILURES},
     * and a tracer must not make a span of them.
     *
     * @return true for {@code @Traced} methods, {@code vigil.observation(...)} and traced KPIs
     */
    boolean isSpan();

    /** @return the span that was current when the observation started; invalid for a new trace */
    SpanContext parent();

    /** @return the spans this one is linked to (a message's producer, say), fixed at start; usually empty */
    default java.util.List<SpanContext> links() {
        return java.util.List.of();
    }

    /**
     * The observation's own span context, with core's sampling decision in its flags; for an observation without a
     * span of its own ({@link #isSpan()} false), the span it runs in, which is {@link #parent()}.
     *
     * @return the span context, never null
     */
    SpanContext spanContext();

    /**
     * Replaces the ids core assigned with a tracer's own, for a tracer that cannot use core's (an OpenTelemetry SDK
     * the application built). Allowed only to a handler of order {@link ObservationHandler.Order#TRACING}, only
     * during its {@link ObservationHandler#onStart}, and only with a valid span context; anything else is ignored
     * with a warning. Core then makes the new ids current, so logs and propagation see them.
     *
     * @param tracerIds the ids the tracer's span has
     */
    void replaceSpanContext(SpanContext tracerIds);

    /** @return how many attribute entries there are, now */
    int attributeCount();

    /** @return how many attribute entries existed when the observation started, as {@code onStart} saw them */
    int startAttributeCount();

    /**
     * @param i index below {@link #attributeCount()}
     * @return the i-th attribute key
     */
    String attributeKey(int i);

    /**
     * @param i index below {@link #attributeCount()}
     * @return the i-th attribute value: a String, Long, Double, Boolean or List of String
     */
    Object attributeValue(int i);

    /**
     * @param key an attribute key
     * @return its last value, or null when the observation has no such attribute
     */
    default Object attribute(String key) {
        for (int i = attributeCount() - 1; i >= 0; i--) {
            if (attributeKey(i).equals(key)) {
                return attributeValue(i);
            }
        }
        return null;
    }

    /** @return how many events were recorded so far */
    int eventCount();

    /**
     * @param i index below {@link #eventCount()}
     * @return the i-th event's name
     */
    String eventName(int i);

    /**
     * @param i index below {@link #eventCount()}
     * @return when the i-th event happened, in nanoseconds since the epoch
     */
    long eventEpochNanos(int i);

    /** @return the exception the observation failed with, or null (also when it failed with a type only) */
    Throwable error();

    /**
     * The {@code error.type} on the span and the metric: the type given explicitly (for example {@code "503"}),
     * else the exception's fully qualified class name.
     *
     * @return the error type, or null when the observation did not fail
     */
    String errorType();

    /**
     * Whether {@link #error()} (the same object; a {@code CompletionException} or {@code ExecutionException} counts
     * as its cause) already failed an observation nested inside this one, on any thread. Of several nested
     * observations failing with one exception, exactly one, the innermost, answers false; so an error reporter that
     * reports only when this is false reports each exception once.
     *
     * <p>Tracked while at least one installed handler's interest is {@code ALL} or {@code FAILURES}; otherwise, and
     * when the observation did not fail with an exception, false.
     *
     * @return true when a nested observation already failed with the same exception
     */
    boolean errorAlreadySeen();
}
