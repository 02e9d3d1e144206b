package dev.vigil;

/**
 * Where an authentication attempt becomes an audit event. Vigil has no audit API yet, so this writes nothing;
 * when one exists, this is the single place that calls it (method, result and reason; never the user's identity
 * in a metric, though an audit event may carry it).
 */
final class AuditSeam {
    private AuditSeam() {
    }

    static void attempt(Vigil vigil, String method, String result, String reason) {
        // Intentionally empty until Vigil has an audit API.
    }
}
