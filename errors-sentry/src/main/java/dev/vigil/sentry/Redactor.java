package dev.vigil.sentry;

import dev.vigil.Redaction;
import dev.vigil.spi.BackendContext;

/**
 * The one place the adapter asks what may leave the process: every text and key-value of an event passes here before
 * the event is sent (see {@link EventScrubber}). It applies core's installed {@link Redaction} policy, the same the
 * spans and log lines get.
 */
final class Redactor {
    private final Redaction policy;

    private Redactor(Redaction policy) {
        this.policy = policy;
    }

    static Redactor from(BackendContext context) {
        Redaction r = context.redaction();
        return new Redactor(r == null ? Redaction.defaults() : r);
    }

    /**
     * @param text free text, or null
     * @return the text with its secrets masked; the same instance when nothing is sensitive
     */
    String text(String text) {
        return policy.redact(text);
    }

    /**
     * @param key the key the value belongs to, or null
     * @param value the value, or null
     * @return the whole value masked when the key is sensitive, else its secrets masked
     */
    String value(String key, String value) {
        return policy.redactValue(key, value);
    }
}
