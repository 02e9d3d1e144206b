package dev.vigil;

import dev.vigil.internal.ApiWarnings;
import dev.vigil.spi.ErrorBackend;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Error reporting: exceptions, messages and breadcrumbs sent to every installed error backend (Sentry with
 * {@code vigil-errors-sentry}). Failed observations, uncaught exceptions and ERROR log lines are reported
 * automatically by the backend; this is for what the application decides to report itself.
 *
 * <pre>{@code
 * vigil.errors().capture(e)
 *      .tag("component", "document-processing")
 *      .extra("document_id", "doc-1")
 *      .send();
 * vigil.errors().message("Storage quota approaching limit")
 *      .level(ErrorLevel.WARNING)
 *      .tag("component", "storage")
 *      .extra("usage_percent", 85)
 *      .send();
 * vigil.errors().breadcrumb("upload", "Starting document upload", Map.of("size", 1024));
 * }</pre>
 *
 * <p>Sampling is decided first, before anything is built: with no error backend installed, or when sampling drops
 * the report, {@link #capture(Throwable)} and {@link #message(String)} return a shared no-op builder and cost a few
 * nanoseconds. Never throws.
 */
public final class Errors {
    static final Errors NONE = new Errors(new ErrorBackend[0]);

    private final ErrorBackend[] backends;

    private Errors(ErrorBackend[] backends) {
        this.backends = backends;
    }

    static Errors of(List<ErrorBackend> backends) {
        return backends.isEmpty() ? NONE : new Errors(backends.toArray(new ErrorBackend[0]));
    }

    /**
     * Starts a report of an exception, at level {@link ErrorLevel#ERROR}; send it with {@link ErrorReport#send()}.
     *
     * @param error the exception; null gives the no-op report with a rate-limited warning
     * @return the report; a shared no-op when no backend sampled it in
     */
    public ErrorReport capture(Throwable error) {
        if (backends.length == 0) {
            return ErrorReport.NOOP;
        }
        if (error == null) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors().capture(null) reports nothing");
            return ErrorReport.NOOP;
        }
        ErrorBackend[] sampled = sampled();
        return sampled == null ? ErrorReport.NOOP : new ErrorReport(sampled, error, null, ErrorLevel.ERROR);
    }

    /**
     * Starts a report of a message, at level {@link ErrorLevel#INFO} unless set; send it with {@link ErrorReport#send()}.
     *
     * @param message what happened, low-cardinality (it groups events); null gives the no-op report with a warning
     * @return the report; a shared no-op when no backend sampled it in
     */
    public ErrorReport message(String message) {
        if (backends.length == 0) {
            return ErrorReport.NOOP;
        }
        if (message == null) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors().message(null) reports nothing");
            return ErrorReport.NOOP;
        }
        ErrorBackend[] sampled = sampled();
        return sampled == null ? ErrorReport.NOOP : new ErrorReport(sampled, null, message, ErrorLevel.INFO);
    }

    /**
     * Records a breadcrumb, shown with the next error reported from this thread. Backends keep a bounded number.
     *
     * @param category a short category such as {@code upload}; null is ignored with a warning
     * @param message what happened; null is ignored with a warning
     * @param data more detail, or null; values are sent as text
     */
    public void breadcrumb(String category, String message, Map<String, ?> data) {
        ErrorBackend[] bs = backends;
        if (bs.length == 0) {
            return;
        }
        if (category == null || message == null) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors().breadcrumb with a null category or message ignored");
            return;
        }
        Map<String, ?> d = data == null ? Map.of() : data;
        for (ErrorBackend b : bs) {
            try {
                b.breadcrumb(category, message, d);
            } catch (Throwable t) { // NOPMD: a backend's failure, even an Error, must never reach the host
                ApiWarnings.warn("error-backend-failure", "error backend " + b.name() + " failed to record a breadcrumb: " + t);
            }
        }
    }

    /** @return whether any error backend is installed */
    public boolean isEnabled() {
        return backends.length > 0;
    }

    /** The backends that sampled the next report in, or null for none; allocates only with several backends. */
    private ErrorBackend[] sampled() {
        ErrorBackend[] bs = backends;
        if (bs.length == 1) {
            return sample(bs[0]) ? bs : null;
        }
        ErrorBackend[] in = new ErrorBackend[bs.length];
        int n = 0;
        for (ErrorBackend b : bs) {
            if (sample(b)) {
                in[n++] = b;
            }
        }
        return n == 0 ? null : n == bs.length ? bs : Arrays.copyOf(in, n);
    }

    private static boolean sample(ErrorBackend b) {
        try {
            return b.sample();
        } catch (Throwable t) { // NOPMD: a backend's failure, even an Error, must never reach the host
            ApiWarnings.warn("error-backend-failure", "error backend " + b.name() + " failed to sample: " + t);
            return false;
        }
    }
}
