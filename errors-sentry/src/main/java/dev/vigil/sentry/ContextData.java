package dev.vigil.sentry;

import dev.vigil.context.Context;
import java.util.Map;

/**
 * What an event takes from Vigil's context besides the span: the user's pseudonym (the same the log lines carry) and
 * the {@code vigil.context().put} entries, which become the event's {@code vigil} context.
 */
final class ContextData {
    private ContextData() {
    }

    /**
     * @param context the context current when the failure was reported
     * @return the user's pseudonym, or null when no user is set
     */
    static String userId(Context context) {
        return null;
    }

    /**
     * @param context the context current when the failure was reported
     * @return the entries other than the user, in order; empty when there are none
     */
    static Map<String, String> entries(Context context) {
        return Map.of();
    }
}
