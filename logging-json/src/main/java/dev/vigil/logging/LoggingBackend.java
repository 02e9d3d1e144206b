package dev.vigil.logging;

import dev.vigil.HealthResult;
import dev.vigil.KpiCounter;
import dev.vigil.spi.BackendContext;
import dev.vigil.spi.ExporterHealth;
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
        LogSettings.from(context.config()::get, System.getProperties(), LogSettings.environment()); // throws naming the bad key
        ServiceFields.install(context.config());
        LogRedaction.install(context.redaction());
        KpiCounter[] counters = new KpiCounter[LogDrops.levels().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = context.kpi(LogDrops.METRIC).tag("level", LogDrops.levels()[i].toString()).counter();
        }
        LogDrops.publishTo(counters);
        ExporterHealth recent = new ExporterHealth();
        LogDrops.watch(recent);
        context.health().register("logging", () -> health(recent));
    }

    /** Degraded while the queue is nearly full, or when lines were dropped in the last 5 minutes. */
    static HealthResult health(ExporterHealth recent) {
        int queued = 0;
        int capacity = 0;
        long sync = 0;
        for (VigilAsyncAppender a : VigilAsyncAppender.running()) {
            queued += a.queued();
            capacity += a.capacity();
            sync += a.auditsWrittenSynchronously();
        }
        Object lately = recent.check().details().get("dropped");
        long dropped = lately instanceof Long ? (Long) lately : 0;
        String detail = "queue " + queued + "/" + capacity + ", " + LogDrops.describe() + ", audit written synchronously " + sync
                + ", " + dropped + " dropped in the last 5 minutes";
        // Past four fifths of the queue, TRACE to INFO lines are being dropped right now.
        boolean degraded = capacity > 0 && queued * 5 >= capacity * 4 || dropped > 0;
        return HealthResult.of(degraded ? dev.vigil.HealthStatus.DEGRADED : dev.vigil.HealthStatus.HEALTHY, detail)
                .withDetail("queued", (long) queued).withDetail("capacity", (long) capacity)
                .withDetail("dropped_total", LogDrops.total()).withDetail("dropped_last_5_minutes", dropped);
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
        LogDrops.watch(null);
        ServiceFields.reset();
        LogRedaction.install(null);
    }
}
