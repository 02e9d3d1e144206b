package dev.vigil;

import java.util.Locale;

/**
 * How an audited action ended, as ECS's {@code event.outcome}: written in lower case ({@code "failure"}).
 *
 * <pre>{@code vigil.audit("auth.login").actor(userId).outcome(AuditOutcome.FAILURE).log();}</pre>
 */
public enum AuditOutcome {
    /** The action was carried out. */
    SUCCESS,
    /** The action was refused or failed. */
    FAILURE,
    /** Not known, or not applicable; the default. */
    UNKNOWN;

    /** @return the lower-case form written in logs, for example {@code failure} */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
