package dev.vigil.langchain4j;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning about this module's own failure to record, at most once a minute: recording never throws into the
 * application, and a model called thousands of times a minute must not flood its log either.
 */
final class Warning {
    private static final System.Logger LOG = System.getLogger("dev.vigil.langchain4j");
    private static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime());

    private Warning() {
    }

    static void of(String what, Throwable error) {
        long now = System.nanoTime();
        long next = NEXT.get();
        if (now - next >= 0 && NEXT.compareAndSet(next, now + INTERVAL)) {
            LOG.log(System.Logger.Level.WARNING, "Vigil could not record " + what + "; the call itself is unaffected", error);
        }
    }
}
