package dev.vigil.sentry;

import dev.vigil.KpiCounter;
import dev.vigil.spi.BackendContext;
import dev.vigil.spi.ExporterHealth;

/**
 * Counts error events that did not reach Sentry, by reason, as {@code vigil.errors.dropped{reason}}:
 * {@code queue_full} (Sentry's bounded queue was full), {@code send_failed} (refused, timed out or answered with an
 * error), {@code rate_limited} (Sentry asked to back off), {@code scrub_failed} (the redaction of the event threw, so
 * the event was not sent) and {@code closed} (reported after close). Sampling is a decision, not a drop: not counted.
 *
 * <p>The counters are registered at start, one per reason, so that a dashboard sees zeros before the first loss and
 * counting costs no lookup.
 */
final class DropCounter {
    /** The metric's name. */
    static final String METRIC = "vigil.errors.dropped";
    static final String QUEUE_FULL = "queue_full";
    static final String SEND_FAILED = "send_failed";
    static final String RATE_LIMITED = "rate_limited";
    static final String SCRUB_FAILED = "scrub_failed";
    static final String CLOSED = "closed";
    private static final String[] REASONS = {QUEUE_FULL, SEND_FAILED, RATE_LIMITED, SCRUB_FAILED, CLOSED};

    private volatile KpiCounter[] counters;
    /** The {@code exporter.sentry} health check: events sent, sends that failed, events dropped otherwise. */
    private volatile ExporterHealth health;

    void start(BackendContext context) {
        health = ExporterHealth.register(context, "sentry");
        KpiCounter[] c = new KpiCounter[REASONS.length];
        for (int i = 0; i < c.length; i++) {
            // No description of its own: the convention's HELP text (docs/conventions.md) applies.
            c[i] = context.kpi(METRIC).tag("reason", REASONS[i]).counter();
        }
        counters = c;
    }

    /** Counts one event Sentry accepted, for the health check. */
    void sent() {
        ExporterHealth h = health;
        if (h != null) {
            h.exported(1);
        }
    }

    void dropped(String reason) {
        ExporterHealth h = health;
        if (h != null) {
            if (SEND_FAILED.equals(reason)) {
                h.failed(1);
            } else {
                h.dropped(1);
            }
        }
        KpiCounter[] c = counters;
        if (c == null) {
            return;
        }
        for (int i = 0; i < REASONS.length; i++) {
            if (REASONS[i].equals(reason)) {
                try {
                    c[i].increment();
                } catch (RuntimeException | LinkageError e) {
                    // counting must never hurt the caller
                }
                return;
            }
        }
    }
}
