package dev.vigil.spi;

import dev.vigil.HealthCheck;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import dev.vigil.internal.WindowedCounts;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The health of one exporter of a backend (spans to a collector, events to an error tracker, lines to a log), judged
 * on the last 5 minutes: healthy when nothing failed or was dropped, degraded when some items were dropped or some
 * exports failed, unhealthy when exports failed and none succeeded. The backend counts as it goes and registers the
 * check at start; counting is lock-free, allocates nothing, and never throws.
 *
 * <pre>{@code
 * ExporterHealth exports = ExporterHealth.register(context, "otel");   // the check "exporter.otel"
 * ...
 * exports.exported(batch.size());      // or exports.failed(batch.size()) when the collector refused it
 * exports.dropped(1);                  // a full queue
 * }</pre>
 */
public final class ExporterHealth implements HealthCheck {
    private static final int EXPORTED = 0;
    private static final int FAILED_EXPORTS = 1;
    private static final int FAILED_ITEMS = 2;
    private static final int DROPPED = 3;

    private final WindowedCounts counts;

    /** An exporter's health over the last 5 minutes, on the system's monotonic clock. */
    public ExporterHealth() {
        this(System::nanoTime);
    }

    ExporterHealth(LongSupplier nanoClock) {
        this.counts = new WindowedCounts(4, Duration.ofMinutes(5), 10, nanoClock);
    }

    /**
     * Creates an exporter's health and registers it as the check {@code exporter.<name>} of the Vigil being built.
     *
     * @param context the backend's context
     * @param exporter a short name, for example {@code otel}
     * @return the health to count into
     */
    public static ExporterHealth register(BackendContext context, String exporter) {
        ExporterHealth h = new ExporterHealth();
        context.health().register("exporter." + exporter, h);
        return h;
    }

    /** @param items how many items an export delivered */
    public void exported(long items) {
        counts.add(EXPORTED, items);
    }

    /** @param items how many items an export that failed carried (they are lost); counts one failed export */
    public void failed(long items) {
        counts.add(FAILED_EXPORTS, 1);
        counts.add(FAILED_ITEMS, items);
    }

    /** @param items how many items were dropped before any export, for example from a full queue */
    public void dropped(long items) {
        counts.add(DROPPED, items);
    }

    /**
     * @return the status of the last 5 minutes, with {@code exported}, {@code failed_exports}, {@code failed_items}
     *     and {@code dropped} as details
     */
    @Override
    public HealthResult check() {
        long[] c = counts.sums();
        HealthStatus status;
        String detail;
        if (c[FAILED_EXPORTS] > 0 && c[EXPORTED] == 0) {
            status = HealthStatus.UNHEALTHY;
            detail = "every export failed in the last 5 minutes";
        } else if (c[FAILED_EXPORTS] > 0 || c[DROPPED] > 0) {
            status = HealthStatus.DEGRADED;
            detail = (c[FAILED_EXPORTS] > 0 ? c[FAILED_EXPORTS] + " failed exports" : "")
                    + (c[FAILED_EXPORTS] > 0 && c[DROPPED] > 0 ? " and " : "")
                    + (c[DROPPED] > 0 ? c[DROPPED] + " dropped" : "") + " in the last 5 minutes";
        } else {
            status = HealthStatus.HEALTHY;
            detail = "nothing failed or dropped in the last 5 minutes";
        }
        return HealthResult.of(status, detail).withDetail("exported", c[EXPORTED])
                .withDetail("failed_exports", c[FAILED_EXPORTS]).withDetail("failed_items", c[FAILED_ITEMS])
                .withDetail("dropped", c[DROPPED]);
    }
}
