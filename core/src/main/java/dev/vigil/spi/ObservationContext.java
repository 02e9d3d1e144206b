package dev.vigil.spi;

import java.util.Arrays;

/**
 * One observation as handlers see it: its name and kind, its low-cardinality attributes (the same as the
 * metric tags), and how it ended. Created by core per call; handlers read it and never keep it past
 * {@link ObservationHandler#onStop}.
 */
public final class ObservationContext {
    private final String name;
    private final String kind;
    private final String[] attributes;
    private Throwable error;
    private String errorType;

    /**
     * Creates a context; used by core and by tests of handlers.
     *
     * @param name the span name, for example {@code Shop.checkout}
     * @param kind the span kind: {@code INTERNAL}, {@code SERVER}, {@code CLIENT}, {@code PRODUCER} or {@code CONSUMER}
     * @param attributes alternating keys and values, not copied: core never changes them afterwards
     */
    public ObservationContext(String name, String kind, String[] attributes) {
        this.name = name;
        this.kind = kind;
        this.attributes = attributes;
    }

    /** @return the span name */
    public String name() {
        return name;
    }

    /** @return the span kind, upper case */
    public String kind() {
        return kind;
    }

    /** @return how many attributes there are */
    public int attributeCount() {
        return attributes.length / 2;
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
        return "ObservationContext{" + name + ' ' + kind + ' ' + Arrays.toString(attributes)
                + (errorType == null ? "" : " error.type=" + errorType) + '}';
    }
}
