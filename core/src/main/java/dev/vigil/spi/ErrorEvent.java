package dev.vigil.spi;

import dev.vigil.ErrorLevel;
import dev.vigil.context.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One error report as {@link ErrorBackend}s receive it from {@code vigil.errors()}: an exception or a message, a
 * level, tags, extras and the {@link Context} that was current when it was sent (its span and its
 * {@code vigil.context()} entries). Immutable; the maps are unmodifiable and keep the order of the calls.
 * Values are raw: the backend applies the redaction policy where the report leaves the process.
 */
public final class ErrorEvent {
    private final Throwable error;
    private final String message;
    private final ErrorLevel level;
    private final Map<String, String> tags;
    private final Map<String, Object> extras;
    private final Context context;

    /**
     * Creates an event; used by core and by tests of backends.
     *
     * @param error the exception, or null for a message event
     * @param message the message, or null for an exception event
     * @param level the level, non-null
     * @param tags the tags, copied
     * @param extras the extras, copied; values are whatever the caller gave
     * @param context the context current at send time, non-null
     */
    public ErrorEvent(Throwable error, String message, ErrorLevel level, Map<String, String> tags,
                      Map<String, Object> extras, Context context) {
        this.error = error;
        this.message = message;
        this.level = level;
        this.tags = tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        this.extras = extras.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        this.context = context;
    }

    /** @return the exception, or null for a message event */
    public Throwable error() {
        return error;
    }

    /** @return the message, or null for an exception event */
    public String message() {
        return message;
    }

    /** @return the level */
    public ErrorLevel level() {
        return level;
    }

    /** @return the tags in the order given; a key given twice keeps its last value */
    public Map<String, String> tags() {
        return tags;
    }

    /** @return the extras in the order given; a key given twice keeps its last value */
    public Map<String, Object> extras() {
        return extras;
    }

    /** @return the context current when the report was sent: its span, baggage and entries */
    public Context context() {
        return context;
    }

    /** @return the kind, level and tag keys only: values may be personal data */
    @Override
    public String toString() {
        return "ErrorEvent{" + (error != null ? error.getClass().getName() : "message") + ' ' + level + " tags=" + tags.keySet() + '}';
    }
}
