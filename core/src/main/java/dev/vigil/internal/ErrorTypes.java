package dev.vigil.internal;

/**
 * The {@code error.type} value of the conventions: the exception's fully qualified class name, the same on
 * the metric, the span and the error report. Class names are low-cardinality; messages never are.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ErrorTypes {
    /** The fallback of the conventions when no better value is known. */
    public static final String OTHER = "_OTHER";

    private ErrorTypes() {
    }

    /**
     * @param error a failure, or null
     * @return its {@code error.type}, or {@link #OTHER} for null
     */
    public static String of(Throwable error) {
        return error == null ? OTHER : error.getClass().getName();
    }
}
