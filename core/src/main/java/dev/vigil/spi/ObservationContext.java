package dev.vigil.spi;

import dev.vigil.SpanKind;
import dev.vigil.trace.SpanContext;
import java.util.Arrays;

/**
 * One observation as handlers see it: its name and kind, its attributes (the metric tags plus span-only
 * attributes), the parent and own span ids that core assigned, and how it ended. Created by core per
 * observation; handlers read it and never keep it past {@link ObservationHandler#onStop}.
 *
 * <p>Core assigns the span context before {@link ObservationHandler#onStart}: a child of the current
 * span (or a new trace) with core's sampling decision, so ids exist for logs and propagation even with no
 * tracer. A tracer that cannot use those ids (for example a user's own OpenTelemetry SDK) replaces them
 * with {@link #spanContext(SpanContext)} during {@code onStart}; core then makes the final ids current.
 */
public final class ObservationContext {
    private final String name;
    private final SpanKind kind;
    private String[] attributes;
    private int attributeCount;
    private boolean ownsAttributes;
    private SpanContext parent = SpanContext.invalid();
    private SpanContext spanContext = SpanContext.invalid();
    private Throwable error;
    private String errorType;

    /**
     * Creates a context; used by core and by tests of handlers.
     *
     * @param name the span name, for example {@code Shop.checkout}
     * @param kind the span kind
     * @param attributes alternating keys and values; not copied until an attribute is added
     */
    public ObservationContext(String name, SpanKind kind, String[] attributes) {
        this.name = name;
        this.kind = kind;
        this.attributes = attributes;
        this.attributeCount = attributes.length / 2;
    }

    /** @return the span name */
    public String name() {
        return name;
    }

    /** @return the span kind */
    public SpanKind kind() {
        return kind;
    }

    /** @return how many attributes there are */
    public int attributeCount() {
        return attributeCount;
    }

    /**
     * @param i index below {@link #attributeCount()}
     * @return the i-th attribute key
     */
    public String attributeKey(int i) {
        return attributes[2 * i];
    }

    /**
     * @param i index below {@link #attributeCount()}
     * @return the i-th attribute value
     */
    public String attributeValue(int i) {
        return attributes[2 * i + 1];
    }

    /**
     * Adds an attribute; called by core (for attributes added after start, read by handlers at stop).
     *
     * @param key the key
     * @param value the value
     */
    public void addAttribute(String key, String value) {
        if (!ownsAttributes || 2 * attributeCount + 2 > attributes.length) {
            attributes = Arrays.copyOf(attributes, Math.max(8, 2 * attributeCount + 4));
            ownsAttributes = true;
        }
        attributes[2 * attributeCount] = key;
        attributes[2 * attributeCount + 1] = value;
        attributeCount++;
    }

    /** @return the parent span context; invalid for a new trace */
    public SpanContext parent() {
        return parent;
    }

    /**
     * Sets the parent; called by core.
     *
     * @param parent the parent span context, possibly invalid
     */
    public void parent(SpanContext parent) {
        this.parent = parent;
    }

    /** @return this observation's span context, with core's sampling decision in its flags */
    public SpanContext spanContext() {
        return spanContext;
    }

    /**
     * Sets (core) or replaces (a tracer, during {@code onStart}) this observation's span context.
     *
     * @param spanContext the span context
     */
    public void spanContext(SpanContext spanContext) {
        this.spanContext = spanContext;
    }

    /** @return the failure, or null on success */
    public Throwable error() {
        return error;
    }

    /** @return {@code error.type}: the failure's fully qualified class name, or null on success */
    public String errorType() {
        return errorType;
    }

    /**
     * Marks the observation failed; called by core only.
     *
     * @param error the failure
     * @param errorType the {@code error.type} value, the same as on the metric
     */
    public void fail(Throwable error, String errorType) {
        this.error = error;
        this.errorType = errorType;
    }

    @Override
    public String toString() {
        return "ObservationContext{" + name + ' ' + kind + ' ' + Arrays.toString(Arrays.copyOf(attributes, 2 * attributeCount))
                + (errorType == null ? "" : " error.type=" + errorType) + '}';
    }
}
