package dev.vigil.sentry;

import dev.vigil.context.Context;
import dev.vigil.context.ContextEntries;
import dev.vigil.context.ContextPropagation;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        return ContextEntries.from(context).get(ContextPropagation.USER_ID);
    }

    /**
     * @param context the context current when the failure was reported
     * @return the entries other than the user, in order; empty when there are none
     */
    static Map<String, String> entries(Context context) {
        ContextEntries entries = ContextEntries.from(context);
        if (entries.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!ContextPropagation.USER_ID.equals(entries.key(i))) {
                out.put(entries.key(i), entries.value(i));
            }
        }
        return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
    }
}
