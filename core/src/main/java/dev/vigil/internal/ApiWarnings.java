package dev.vigil.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limited warnings about API misuse at recording time. Recording never throws into the host, so a
 * mistake (a null name, NaN, a type conflict) must be visible some other way: one warning per kind of
 * mistake per minute, with how many were suppressed. Uses {@link System.Logger}, so core needs no logging
 * library and the warnings follow whatever the JDK's platform logging is bound to (SLF4J, JUL).
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ApiWarnings {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil");
    /** Bounds the map itself: hostile input may invent endless keys. */
    private static final int MAX_KEYS = 256;
    private static final long INTERVAL_NANOS = 60_000_000_000L;
    private static final ConcurrentHashMap<String, Window> WINDOWS = new ConcurrentHashMap<>();
    private static final AtomicLong TOTAL = new AtomicLong();
    private static volatile Listener listener;

    private ApiWarnings() {
    }

    /** Receives every warning that is logged; for tests that assert on warnings. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param kind the kind of mistake
         * @param message the logged message
         */
        void warned(String kind, String message);
    }

    /**
     * Warns at most once a minute per kind.
     *
     * @param kind a low-cardinality kind, for example {@code invalid-name}
     * @param message the message; built only by the caller, so keep it cheap or guard it
     */
    public static void warn(String kind, String message) {
        TOTAL.incrementAndGet();
        try {
            Window w = WINDOWS.get(kind);
            if (w == null) {
                if (WINDOWS.size() >= MAX_KEYS) {
                    kind = "other";
                }
                w = WINDOWS.computeIfAbsent(kind, k -> new Window());
            }
            long suppressed = w.tryAcquire(System.nanoTime());
            if (suppressed < 0) {
                return;
            }
            String text = suppressed == 0 ? message : message + " (" + suppressed + " similar warnings suppressed)";
            LOGGER.log(Level.WARNING, "Vigil: " + text);
            Listener l = listener;
            if (l != null) {
                l.warned(kind, text);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // A broken logging setup must not turn a warning into an exception in the host.
        }
    }

    /**
     * Logs now, past the rate limit: only for warnings the caller already bounds, such as one per metric name.
     *
     * @param kind a low-cardinality kind
     * @param message the message
     */
    public static void warnNow(String kind, String message) {
        TOTAL.incrementAndGet();
        try {
            LOGGER.log(Level.WARNING, "Vigil: " + message);
            Listener l = listener;
            if (l != null) {
                l.warned(kind, message);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // A broken logging setup must not turn a warning into an exception in the host.
        }
    }

    /** @return how many warnings were raised, logged or suppressed, since start */
    public static long total() {
        return TOTAL.get();
    }

    /**
     * Sets or clears the listener; for tests.
     *
     * @param l the listener, or null
     */
    public static void setListener(Listener l) {
        listener = l;
    }

    /** Forgets every window, so that the next warning of each kind is logged; for tests. */
    public static void resetForTest() {
        WINDOWS.clear();
    }

    private static final class Window {
        private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong suppressed = new AtomicLong();

        /** @return -1 when suppressed, else how many were suppressed since the last logged one */
        long tryAcquire(long now) {
            long next = nextAllowed.get();
            if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
                return suppressed.getAndSet(0);
            }
            suppressed.incrementAndGet();
            return -1;
        }
    }
}
