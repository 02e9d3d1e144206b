package dev.vigil;

/**
 * How severe an error report is; error backends map it to their own levels (Sentry's {@code debug} to
 * {@code fatal}).
 *
 * <pre>{@code vigil.errors().message("Storage quota approaching limit").level(ErrorLevel.WARNING).send();}</pre>
 */
public enum ErrorLevel {
    /** Diagnostic detail. */
    DEBUG,
    /** Worth knowing, not a problem. */
    INFO,
    /** Something may go wrong soon. */
    WARNING,
    /** A failure; the default of {@link Errors#capture(Throwable)}. */
    ERROR,
    /** A failure that ends the process or the service's ability to work. */
    FATAL
}
