package dev.vigil;

import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.Audits;
import dev.vigil.internal.UserIds;
import dev.vigil.spi.AuditRecord;
import java.util.Arrays;

/**
 * Builds one audit event: who did what to which target, and how it ended. {@link #log()} writes it as one line
 * to the {@code audit} logger (with {@code vigil-logging-json}: the {@code AUDIT} marker, {@code audit.log}, never
 * dropped), with the trace fields of the calling thread.
 *
 * <pre>{@code
 * vigil.audit("auth.login")
 *      .actor("user-789")                 // pseudonymised like vigil.context().user(...)
 *      .target("account/42")
 *      .outcome(AuditOutcome.FAILURE)
 *      .field("method", "password")
 *      .field("reason", "bad_password")
 *      .log();
 * }</pre>
 *
 * <p>A builder for one thread; {@link #log()} may be called once, later calls are ignored with a warning. Never
 * throws: bad input (a null key, too many fields) is dropped with a rate-limited warning, and the event is still
 * written. Values pass through the redaction policy before they leave.
 */
public final class AuditEvent {
    /** The most extra fields one event keeps. */
    public static final int MAX_FIELDS = 32;
    private static final String[] RESERVED = {"action", "actor", "target", "outcome"};

    private final String action;
    private String actor;
    private String target;
    private AuditOutcome outcome = AuditOutcome.UNKNOWN;
    private String[] fields = new String[8];
    private int fieldCount;
    private boolean logged;

    AuditEvent(String action) {
        this.action = action;
    }

    /**
     * Who acted: a user id, pseudonymised as {@code vigil.context().user(id)} is, so both carry the same value.
     *
     * @param id the raw user id; null leaves the actor out
     * @return this builder
     */
    public AuditEvent actor(String id) {
        this.actor = id;
        return this;
    }

    /**
     * What was acted on, for example {@code account/42} or {@code document/7f3a}.
     *
     * @param target the target; null leaves it out
     * @return this builder
     */
    public AuditEvent target(String target) {
        this.target = target;
        return this;
    }

    /**
     * @param outcome how it ended; null means {@link AuditOutcome#UNKNOWN}, the default
     * @return this builder
     */
    public AuditEvent outcome(AuditOutcome outcome) {
        this.outcome = outcome == null ? AuditOutcome.UNKNOWN : outcome;
        return this;
    }

    /**
     * Adds a detail, written after the standard fields in the order added; a key added again replaces its value.
     *
     * @param key a short key such as {@code method}; not {@code action}, {@code actor}, {@code target} or {@code outcome}
     * @param value the value; null leaves the field out
     * @return this builder
     */
    public AuditEvent field(String key, String value) {
        if (key == null || key.isBlank() || Arrays.asList(RESERVED).contains(key)) {
            ApiWarnings.warn("invalid-audit", "audit field with a null, blank or reserved key ignored (action " + action + ")");
            return this;
        }
        if (value == null) {
            return this;
        }
        for (int i = 0; i < fieldCount; i++) {
            if (fields[2 * i].equals(key)) {
                fields[2 * i + 1] = value;
                return this;
            }
        }
        if (fieldCount == MAX_FIELDS) {
            ApiWarnings.warn("invalid-audit", "audit event " + action + " keeps at most " + MAX_FIELDS + " fields; more ignored");
            return this;
        }
        if (2 * fieldCount + 2 > fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[2 * fieldCount] = key;
        fields[2 * fieldCount + 1] = value;
        fieldCount++;
        return this;
    }

    /**
     * Writes the event. Never dropped and never blocks past the sink's bound (see the logging module's drop policy).
     * Works before {@code install()} and on the no-op Vigil too: an audit trail is a record, not sampled telemetry.
     */
    public void log() {
        if (logged) {
            ApiWarnings.warn("invalid-audit", "AuditEvent.log() called twice for " + action + "; the second call is ignored");
            return;
        }
        logged = true;
        if (action == null) {
            return; // Vigil.audit(...) already warned about the missing action
        }
        try {
            String[] f = new String[2 * fieldCount];
            for (int i = 0; i < f.length; i += 2) {
                f[i] = fields[i];
                f[i + 1] = Audits.redact(fields[i], fields[i + 1]);
            }
            String pseudonym = actor == null ? null : UserIds.pseudonym(actor);
            Audits.write(new AuditRecord(action, pseudonym, target == null ? null : Audits.redact("target", target), outcome, f));
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("audit-failed", "audit event " + action + " could not be built: " + e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "AuditEvent{" + action + ", outcome=" + outcome.value() + ", fields=" + fieldCount + '}';
    }
}
