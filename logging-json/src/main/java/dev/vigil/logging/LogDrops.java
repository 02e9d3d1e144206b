package dev.vigil.logging;

import ch.qos.logback.classic.Level;
import dev.vigil.KpiCounter;
import dev.vigil.spi.ExporterHealth;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lines dropped by every {@link VigilAsyncAppender} of the JVM, by level, since start. Counted before
 * {@code install()} too; when the logging backend starts it publishes what was counted so far and every later drop
 * as the counter {@code vigil.logging.dropped{level}}.
 */
final class LogDrops {
    static final String METRIC = "vigil.logging.dropped";
    private static final Level[] LEVELS = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
    private static final LongAdder[] COUNTS = new LongAdder[LEVELS.length];
    private static volatile KpiCounter[] counters;
    /** The drops of the last 5 minutes, for the {@code logging} health check; null before install. */
    private static volatile ExporterHealth recent;

    static {
        for (int i = 0; i < COUNTS.length; i++) {
            COUNTS[i] = new LongAdder();
        }
    }

    private LogDrops() {
    }

    static void dropped(Level level) {
        int i = index(level);
        COUNTS[i].increment();
        ExporterHealth r = recent;
        if (r != null) {
            r.dropped(1);
        }
        KpiCounter[] c = counters;
        if (c != null) {
            c[i].increment();
        }
    }

    static long count(Level level) {
        return COUNTS[index(level)].sum();
    }

    static long total() {
        long n = 0;
        for (LongAdder a : COUNTS) {
            n += a.sum();
        }
        return n;
    }

    /** Publishes to these counters (one per level, TRACE to ERROR), first adding what was counted so far; null stops. */
    static synchronized void publishTo(KpiCounter[] perLevel) {
        if (perLevel != null) {
            for (int i = 0; i < LEVELS.length; i++) {
                perLevel[i].add(COUNTS[i].sum());
            }
        }
        counters = perLevel;
    }

    /** Counts later drops in this window as well; null stops. */
    static void watch(ExporterHealth window) {
        recent = window;
    }

    static Level[] levels() {
        return LEVELS.clone();
    }

    static String describe() {
        StringBuilder b = new StringBuilder("dropped");
        for (int i = 0; i < LEVELS.length; i++) {
            b.append(' ').append(LEVELS[i]).append('=').append(COUNTS[i].sum());
        }
        return b.toString();
    }

    private static int index(Level level) {
        switch (level.toInt()) {
            case Level.TRACE_INT: return 0;
            case Level.DEBUG_INT: return 1;
            case Level.INFO_INT: return 2;
            case Level.WARN_INT: return 3;
            default: return 4;
        }
    }
}
