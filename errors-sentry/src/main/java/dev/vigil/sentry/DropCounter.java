package dev.vigil.sentry;

import dev.vigil.spi.BackendContext;

/**
 * Counts error events that did not reach Sentry, by reason, as {@code vigil.errors.dropped{reason}}:
 * {@code queue_full} (Sentry's bounded queue was full), {@code send_failed} (refused, timed out or answered with an
 * error), {@code rate_limited} (Sentry asked to back off), {@code scrub_failed} (the redaction of the event threw, so
 * the event was not sent) and {@code closed} (reported after close). Sampling is a decision, not a drop: not counted.
 */
final class DropCounter {
    static final String QUEUE_FULL = "queue_full";
    static final String SEND_FAILED = "send_failed";
    static final String RATE_LIMITED = "rate_limited";
    static final String SCRUB_FAILED = "scrub_failed";
    static final String CLOSED = "closed";

    private volatile BackendContext context;

    void start(BackendContext context) {
        this.context = context;
    }

    void dropped(String reason) {
        BackendContext c = context;
        if (c != null) {
            try {
                c.dropped(SentryErrors.NAME, reason, 1);
            } catch (RuntimeException | LinkageError e) {
                // counting must never hurt the caller
            }
        }
    }
}
