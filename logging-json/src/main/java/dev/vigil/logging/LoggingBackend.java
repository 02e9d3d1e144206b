package dev.vigil.logging;

import dev.vigil.HealthResult;
import dev.vigil.KpiCounter;
import dev.vigil.spi.BackendContext;
import dev.vigil.spi.VigilBackend;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The logging module's part of an installed Vigil. Logback runs on its own from start-up; at install this backend
 * validates the {@code vigil.logging.*} keys (a bad value fails {@code install()} naming the key), gives log lines
 * the installed service name, version and environment and the installed redaction policy, publishes the drop
 * counts as {@code vigil.logging.dropped{level}}, and registers the {@code logging} health check, whose detail shows
 * the queue and the drops. On close it waits, within the timeout, for the queued lines to be written.
 */
final class LoggingBackend implements VigilBackend {
    static final String NAME = "logging-json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(BackendContext context) {
        LogSettings.from(context.config()::get, System.getProperties(), System.getenv()); // throws naming the bad key
        ServiceFields.install(context.config());
        LogRedaction.install(context.redaction());
        KpiCounter[] counters = new KpiCounter[LogDrops.levels().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = context.kpi(LogDrops.METRIC).tag("level", LogDrops.levels()[i].toString()).counter();
        }
        LogDrops.publishTo(counters);
        context.health().register("logging", LoggingBackend::health);
    }

    static HealthResult health() {
        int queued = 0;
        int capacity = 0;
        long sync = 0;
        for (VigilAsyncAppender a : VigilAsyncAppender.running()) {
            queued += a.queued();
            capacity += a.capacity();
            sync += a.auditsWrittenSynchronously();
        }
        String detail = "queue " + queued + "/" + capacity + ", " + LogDrops.describe() + ", audit written synchronously " + sync;
        // Past four fifths of the queue, TRACE to INFO lines are being dropped right now.
        return capacity > 0 && queued * 5 >= capacity * 4 ? HealthResult.degraded(detail) : HealthResult.of(dev.vigil.HealthStatus.HEALTHY, detail);
    }

    @Override
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (VigilAsyncAppender a : VigilAsyncAppender.running()) {
            while (a.queued() > 0 && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(1_000_000); // bounded by the close timeout; lines are written by the writer thread
            }
        }
        LogDrops.publishTo(null);
        ServiceFields.reset();
        LogRedaction.install(null);
    }
}
