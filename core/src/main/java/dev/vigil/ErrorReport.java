package dev.vigil;

import dev.vigil.context.Context;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.spi.ErrorBackend;
import dev.vigil.spi.ErrorEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One error report being built: an exception from {@link Errors#capture(Throwable)} or a message from
 * {@link Errors#message(String)}, sent to every error backend with {@link #send()}. Not thread-safe: build and send
 * it on one thread.
 *
 * <pre>{@code
 * vigil.errors().capture(e)
 *      .tag("component", "document-processing")
 *      .extra("document_id", "doc-1")
 *      .send();
 * }</pre>
 *
 * <p>When no error backend is installed, or every backend's sampling dropped the report, the builder is a shared
 * no-op: each call returns at once and nothing is built. Never throws: a null key is ignored with a rate-limited
 * warning, as is a tag or extra beyond {@value #MAX_ENTRIES} and a second {@code send()}.
 */
public final class ErrorReport {
    /** The most tags, and the most extras, one report keeps; more are ignored with a warning. */
    public static final int MAX_ENTRIES = 64;

    static final ErrorReport NOOP = new ErrorReport(null, null, null, null);

    private final ErrorBackend[] backends;
    private final Throwable error;
    private final String message;
    private ErrorLevel level;
    private Map<String, String> tags;
    private Map<String, Object> extras;
    private boolean sent;

    ErrorReport(ErrorBackend[] backends, Throwable error, String message, ErrorLevel level) {
        this.backends = backends;
        this.error = error;
        this.message = message;
        this.level = level;
    }

    /**
     * Adds a tag: an indexed, searchable, low-cardinality key-value (a component, a region).
     *
     * @param key the key; null is ignored with a warning
     * @param value the value; null is ignored with a warning
     * @return this report
     */
    public ErrorReport tag(String key, String value) {
        if (backends == null) {
            return this;
        }
        if (key == null || value == null) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors() tag with a null key or value ignored");
            return this;
        }
        if (tags == null) {
            tags = new LinkedHashMap<>(8);
        }
        if (tags.size() >= MAX_ENTRIES && !tags.containsKey(key)) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors() report already has " + MAX_ENTRIES + " tags; tag ignored");
            return this;
        }
        tags.put(key, value);
        return this;
    }

    /**
     * Adds an extra: detail shown with the event but not indexed (an id, a size).
     *
     * @param key the key; null is ignored with a warning
     * @param value the value, sent as text (numbers and booleans as such); null is sent as null
     * @return this report
     */
    public ErrorReport extra(String key, Object value) {
        if (backends == null) {
            return this;
        }
        if (key == null) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors() extra with a null key ignored");
            return this;
        }
        if (extras == null) {
            extras = new LinkedHashMap<>(8);
        }
        if (extras.size() >= MAX_ENTRIES && !extras.containsKey(key)) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors() report already has " + MAX_ENTRIES + " extras; extra ignored");
            return this;
        }
        extras.put(key, value);
        return this;
    }

    /**
     * Sets the level; {@link ErrorLevel#ERROR} for an exception and {@link ErrorLevel#INFO} for a message unless set.
     *
     * @param level the level; null is ignored with a warning
     * @return this report
     */
    public ErrorReport level(ErrorLevel level) {
        if (backends == null) {
            return this;
        }
        if (level == null) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors() level(null) ignored");
            return this;
        }
        this.level = level;
        return this;
    }

    /**
     * Sends the report to every error backend that sampled it in, with the context current now (its trace and its
     * {@code vigil.context()} entries). Returns at once: backends queue, bounded, and never block the caller.
     * A second call is ignored with a warning.
     */
    public void send() {
        ErrorBackend[] bs = backends;
        if (bs == null) {
            return;
        }
        if (sent) {
            ApiWarnings.warn("invalid-error-report", "vigil.errors() report sent twice; the second send is ignored");
            return;
        }
        sent = true;
        ErrorEvent event;
        try {
            event = new ErrorEvent(error, message, level, tags == null ? Map.of() : tags,
                    extras == null ? Map.of() : extras, Context.current());
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("error-backend-failure", "vigil.errors() could not build a report: " + e);
            return;
        }
        for (ErrorBackend b : bs) {
            try {
                b.report(event);
            } catch (Throwable t) { // NOPMD: a backend's failure, even an Error, must never reach the host
                ApiWarnings.warn("error-backend-failure", "error backend " + b.name() + " failed to report: " + t);
            }
        }
    }
}
