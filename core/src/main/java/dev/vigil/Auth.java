package dev.vigil;

import dev.vigil.conventions.AuthConventions;
import dev.vigil.internal.Audits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication attempts: {@code auth.attempts} by {@code auth.method} and {@code auth.result}
 * ({@code success|failure}), and {@code auth.failures} by {@code auth.method} and {@code auth.failure.reason}.
 * Returned by {@link Vigil#auth()}.
 *
 * <pre>{@code
 * vigil.auth().attempt("password").success();
 * vigil.auth().attempt("password").failure("bad_password");   // a low-cardinality reason
 * }</pre>
 *
 * <p>There is deliberately no way to pass a user: identifiers never become labels. With {@code vigil-logging-json}
 * present, each attempt also writes an {@code auth.attempt} audit event (outcome, method and reason;
 * {@code vigil.auth.audit=false} turns that off); to name the
 * user in the audit trail, write your own {@code vigil.audit("auth.login").actor(userId)...} event instead.
 */
public final class Auth {
    /** Beyond this many methods, attempts are looked up per call (the meter engine still bounds the series). */
    private static final int MAX_CACHED_METHODS = 64;

    private final Vigil vigil;
    private final boolean audit;
    private final Map<String, AuthAttempt> attempts = new ConcurrentHashMap<>();

    Auth(Vigil vigil) {
        this.vigil = vigil;
        // Validated at build(); only a logging module that takes audit events makes an attempt an audit line.
        this.audit = vigil.config().getBoolean(VigilConfig.AUTH_AUDIT, true) && Audits.hasSinks();
    }

    /**
     * @param method how the user authenticates, a fixed word such as {@code password}, {@code oauth2},
     *     {@code api_key}
     * @return the attempt, to be marked {@link AuthAttempt#success()} or {@link AuthAttempt#failure(String)}
     */
    public AuthAttempt attempt(String method) {
        String m = method == null || method.isBlank() ? "unknown" : method;
        AuthAttempt a = attempts.get(m);
        if (a == null) {
            a = new AuthAttempt(vigil, m, audit);
            if (attempts.size() < MAX_CACHED_METHODS) {
                AuthAttempt raced = attempts.putIfAbsent(m, a);
                a = raced == null ? a : raced;
            }
        }
        return a;
    }

    /** One authentication method's outcomes. Immutable; the same instance may be reused for many attempts. */
    public static final class AuthAttempt {
        private final Vigil vigil;
        private final String method;
        private final boolean audit;
        private final KpiCounter successes;
        private final KpiCounter failures;

        AuthAttempt(Vigil vigil, String method, boolean audit) {
            this.vigil = vigil;
            this.method = method;
            this.audit = audit;
            this.successes = vigil.kpi(AuthConventions.ATTEMPTS.name()).tag("auth.method", method)
                    .tag("auth.result", "success").counter();
            this.failures = vigil.kpi(AuthConventions.ATTEMPTS.name()).tag("auth.method", method)
                    .tag("auth.result", "failure").counter();
        }

        /** Counts a successful attempt. */
        public void success() {
            successes.increment();
            audit(AuditOutcome.SUCCESS, null);
        }

        /**
         * Counts a failed attempt.
         *
         * @param reason why it failed, a fixed word such as {@code bad_password}, {@code locked},
         *     {@code expired_token}; never a user name or a message
         */
        public void failure(String reason) {
            String r = reason == null || reason.isBlank() ? "unknown" : reason;
            failures.increment();
            vigil.kpi(AuthConventions.FAILURES.name()).tag("auth.method", method).tag("auth.failure.reason", r)
                    .increment();
            audit(AuditOutcome.FAILURE, r);
        }

        /**
         * Writes the {@code auth.attempt} audit event where a logging module takes audit events (with
         * {@code vigil-logging-json}: the audit log). Without one, attempts are counted only: a line per login on
         * the platform logger would be noise, not an audit trail.
         */
        private void audit(AuditOutcome outcome, String reason) {
            if (!audit) {
                return;
            }
            AuditEvent event = vigil.audit("auth.attempt").outcome(outcome).field("auth.method", method);
            if (reason != null) {
                event.field("auth.failure.reason", reason);
            }
            event.log();
        }

        @Override
        public String toString() {
            return "AuthAttempt{" + method + '}';
        }
    }
}
