package dev.vigil.spi;

import dev.vigil.AuditOutcome;
import java.util.Arrays;

/**
 * One audit event as sinks see it: immutable, with the actor already pseudonymised and every value redacted.
 * Fields keep the order they were added in.
 */
public final class AuditRecord {
    private final String action;
    private final String actor;
    private final String target;
    private final AuditOutcome outcome;
    private final String[] fields;

    /**
     * Creates a record; core does this in {@code AuditEvent.log()}, tests of sinks may too.
     *
     * @param action the action, for example {@code auth.login}
     * @param actor the actor's pseudonym, or null
     * @param target the target, or null
     * @param outcome the outcome, non-null
     * @param fields alternating keys and values, copied
     */
    public AuditRecord(String action, String actor, String target, AuditOutcome outcome, String... fields) {
        this.action = action;
        this.actor = actor;
        this.target = target;
        this.outcome = outcome;
        this.fields = fields == null ? new String[0] : Arrays.copyOf(fields, fields.length & ~1);
    }

    /** @return the action, for example {@code auth.login} */
    public String action() {
        return action;
    }

    /** @return the actor's pseudonym (or raw id in raw mode), or null when none was given */
    public String actor() {
        return actor;
    }

    /** @return the target, for example {@code account/42}, or null */
    public String target() {
        return target;
    }

    /** @return the outcome */
    public AuditOutcome outcome() {
        return outcome;
    }

    /** @return how many extra fields there are */
    public int fieldCount() {
        return fields.length / 2;
    }

    /**
     * @param i an index below {@link #fieldCount()}
     * @return the i-th field's key
     */
    public String fieldKey(int i) {
        return fields[2 * i];
    }

    /**
     * @param i an index below {@link #fieldCount()}
     * @return the i-th field's value
     */
    public String fieldValue(int i) {
        return fields[2 * i + 1];
    }

    /**
     * The event as one JSON object, in the order {@code action, actor, target, outcome}, then the fields.
     *
     * @return for example {@code {"action":"auth.login","actor":"3f1c…","outcome":"failure","method":"password"}}
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(64).append('{');
        append(b, "action", action, true);
        append(b, "actor", actor, false);
        append(b, "target", target, false);
        append(b, "outcome", outcome.value(), false);
        for (int i = 0; i < fields.length; i += 2) {
            append(b, fields[i], fields[i + 1], false);
        }
        return b.append('}').toString();
    }

    private static void append(StringBuilder b, String key, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) {
            b.append(',');
        }
        dev.vigil.internal.Json.string(b, key).append(':');
        dev.vigil.internal.Json.string(b, value);
    }

    /** @return the JSON form */
    @Override
    public String toString() {
        return toJson();
    }
}
