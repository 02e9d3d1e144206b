package dev.vigil.sentry;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Remembers which failures were reported, so that each is reported once whichever path sees it next (an enclosing
 * observation, an ERROR log line, the uncaught-exception handler, {@code vigil.errors().capture}).
 *
 * <p>The rule: a report is a repeat when its exception is one already reported (the same object), or when an
 * exception in its cause chain was already reported in the same trace. So an exception rethrown through three
 * annotated methods and then logged gives one event, and so does one wrapped once ({@code new ServiceException(e)})
 * and logged in the same request. A cause that shows up again in another trace is a new failure.
 *
 * <p>Bounded: weakly held, at most {@value #MAX} exceptions; past that it starts afresh, which can at worst let one
 * repeat through.
 */
final class ReportedFailures {
    static final int MAX = 10_000;
    /** How far down a cause chain to look: chains are short, a cyclic one must not loop. */
    private static final int MAX_DEPTH = 32;
    private static final String NO_TRACE = "";

    private final Map<Throwable, String> traceOf = new WeakHashMap<>();

    /**
     * Records a failure and says whether it is new.
     *
     * @param error the exception about to be reported
     * @param traceId the trace it is reported in, or null outside any trace
     * @return true when it must be reported, false when it is a repeat
     */
    boolean firstReport(Throwable error, String traceId) {
        String trace = traceId == null ? NO_TRACE : traceId;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        synchronized (traceOf) {
            Throwable t = error;
            for (int depth = 0; t != null && depth < MAX_DEPTH && seen.add(t); depth++) {
                String reportedIn = get(t);
                if (reportedIn != null && (t == error || reportedIn.equals(trace))) {
                    return false;
                }
                t = t.getCause();
            }
            if (traceOf.size() + seen.size() > MAX) {
                traceOf.clear();
            }
            for (Throwable s : seen) {
                traceOf.put(s, trace);
            }
            return true;
        }
    }

    /** Identity lookup: a WeakHashMap uses equals, which an exception class may have overridden. */
    private String get(Throwable t) {
        String v = traceOf.get(t);
        if (v == null) {
            return null;
        }
        for (Map.Entry<Throwable, String> e : traceOf.entrySet()) {
            if (e.getKey() == t) {
                return Objects.requireNonNull(e.getValue());
            }
        }
        return null;
    }
}
