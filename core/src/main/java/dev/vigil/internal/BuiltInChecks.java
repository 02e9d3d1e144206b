package dev.vigil.internal;

import dev.vigil.HealthCheck;
import dev.vigil.HealthRegistry;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The checks every installed Vigil has: the HTTP server's success rate and p95 latency over the last 5 minutes, the
 * task queues' depth, the disk's free space and the heap used after GC; and the connectivity check of a data source.
 * Each judges against the {@code vigil.health.*} thresholds ({@link HealthSettings}) and shows its figures as
 * details.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class BuiltInChecks {
    /** Name of the HTTP success-rate check. */
    public static final String HTTP_SUCCESS = "http.success_rate";
    /** Name of the HTTP latency check. */
    public static final String HTTP_LATENCY = "http.latency";
    /** Name of the task queue check. */
    public static final String QUEUES = "tasks.queue_depth";
    /** Name of the disk check. */
    public static final String DISK = "disk";
    /** Name of the heap check. */
    public static final String HEAP = "heap";
    private static final String NO_REQUESTS = "no requests in the last 5 minutes";

    private BuiltInChecks() {
    }

    /**
     * Registers the built-in checks.
     *
     * @param registry where
     * @param model what they read
     */
    public static void register(HealthRegistry registry, HealthModel model) {
        HealthSettings s = model.settings();
        registry.register(HTTP_SUCCESS, () -> httpSuccess(model.requests().snapshot().total(), s));
        registry.register(HTTP_LATENCY, () -> httpLatency(model.requests().snapshot().total(), s));
        registry.register(QUEUES, () -> queues(model, s));
        registry.register(DISK, () -> disk(s));
        registry.register(HEAP, () -> heap(s));
    }

    static HealthResult httpSuccess(RequestWindow.Stats all, HealthSettings s) {
        HealthResult tooFew = tooFew(all, s);
        if (tooFew != null) {
            return tooFew;
        }
        double percent = all.successRate() * 100;
        HealthStatus status = percent < s.successUnhealthy ? HealthStatus.UNHEALTHY
                : percent < s.successDegraded ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        return HealthResult.of(status, String.format(java.util.Locale.ROOT, "%.1f%% of %d requests succeeded in the last 5 minutes",
                        percent, all.count()))
                .withDetail("requests", all.count()).withDetail("failures", all.failures())
                .withDetail("success_rate_percent", round(percent))
                .withDetail("degraded_below_percent", s.successDegraded).withDetail("unhealthy_below_percent", s.successUnhealthy);
    }

    static HealthResult httpLatency(RequestWindow.Stats all, HealthSettings s) {
        HealthResult tooFew = tooFew(all, s);
        if (tooFew != null) {
            return tooFew;
        }
        double p95 = all.quantileMs(0.95);
        HealthStatus status = p95 > s.p95Unhealthy ? HealthStatus.UNHEALTHY
                : p95 >= s.p95Degraded ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        return HealthResult.of(status, String.format(java.util.Locale.ROOT, "p95 %.0f ms over %d requests in the last 5 minutes",
                        p95, all.count()))
                .withDetail("requests", all.count()).withDetail("p95_ms", round(p95))
                .withDetail("degraded_from_ms", s.p95Degraded).withDetail("unhealthy_above_ms", s.p95Unhealthy);
    }

    private static HealthResult tooFew(RequestWindow.Stats all, HealthSettings s) {
        if (all.count() == 0) {
            return HealthResult.of(HealthStatus.HEALTHY, NO_REQUESTS).withDetail("requests", 0L);
        }
        if (all.count() < s.minRequests) {
            return HealthResult.of(HealthStatus.HEALTHY, all.count() + " requests in the last 5 minutes, fewer than the "
                    + s.minRequests + " needed to judge").withDetail("requests", all.count());
        }
        return null;
    }

    static HealthResult queues(HealthModel model, HealthSettings s) {
        if (model.queues().isEmpty()) {
            return HealthResult.of(HealthStatus.HEALTHY, "no task queue");
        }
        int deepest = 0;
        String name = null;
        long total = 0;
        for (HealthModel.Queue q : model.queues()) {
            int d = Math.max(0, q.depth());
            total += d;
            if (name == null || d > deepest) {
                deepest = d;
                name = q.name;
            }
        }
        HealthStatus status = deepest > s.queueUnhealthy ? HealthStatus.UNHEALTHY
                : deepest >= s.queueDegraded ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        return HealthResult.of(status, "deepest queue '" + name + "' holds " + deepest + " tasks")
                .withDetail("deepest_queue", name).withDetail("deepest_depth", (long) deepest).withDetail("total_depth", total)
                .withDetail("degraded_from", s.queueDegraded).withDetail("unhealthy_above", s.queueUnhealthy);
    }

    static HealthResult disk(HealthSettings s) throws IOException {
        FileStore store = Files.getFileStore(s.diskPath);
        long total = store.getTotalSpace();
        if (total <= 0) {
            return HealthResult.of(HealthStatus.HEALTHY, "the file store reports no size").withDetail("path", s.diskPath.toString());
        }
        double free = store.getUsableSpace() * 100.0 / total;
        HealthStatus status = free < s.diskUnhealthy ? HealthStatus.UNHEALTHY
                : free < s.diskDegraded ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        return HealthResult.of(status, String.format(java.util.Locale.ROOT, "%.1f%% free", free))
                .withDetail("path", s.diskPath.toString()).withDetail("free_percent", round(free))
                .withDetail("free_bytes", store.getUsableSpace()).withDetail("total_bytes", total)
                .withDetail("degraded_below_percent", s.diskDegraded).withDetail("unhealthy_below_percent", s.diskUnhealthy);
    }

    /**
     * The heap left in use by the last collection of each heap pool, as a share of the maximum heap: what stays
     * after GC is what the service really holds, unlike the current use, which includes garbage.
     */
    static HealthResult heap(HealthSettings s) {
        long usedAfterGc = 0;
        boolean collected = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) {
                usedAfterGc += after.getUsed();
                collected |= after.getUsed() > 0 || after.getCommitted() > 0;
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        if (!collected || max <= 0 || max == Long.MAX_VALUE) {
            return HealthResult.of(HealthStatus.HEALTHY, "no collection yet");
        }
        return heap(usedAfterGc, max, s);
    }

    static HealthResult heap(long usedAfterGc, long max, HealthSettings s) {
        double percent = usedAfterGc * 100.0 / max;
        HealthStatus status = percent >= s.heapUnhealthy ? HealthStatus.UNHEALTHY
                : percent >= s.heapDegraded ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        return HealthResult.of(status, String.format(java.util.Locale.ROOT, "%.1f%% of the maximum heap in use after GC", percent))
                .withDetail("used_after_gc_bytes", usedAfterGc).withDetail("max_bytes", max)
                .withDetail("used_after_gc_percent", round(percent))
                .withDetail("degraded_from_percent", s.heapDegraded).withDetail("unhealthy_from_percent", s.heapUnhealthy);
    }

    /**
     * A data source's connectivity: a connection is taken and asked {@link Connection#isValid(int)}. The health
     * executor bounds the whole check by {@code vigil.health.timeout-ms}, so a pool that hangs on
     * {@code getConnection()} is reported unhealthy at that timeout as well.
     *
     * @param dataSource the data source, unwrapped so that the check records no statement metrics
     * @param timeout the health timeout
     * @return the check
     */
    public static HealthCheck dataSource(DataSource dataSource, Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        return () -> {
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection()) {
                boolean valid = c.isValid(seconds);
                long ms = (System.nanoTime() - start) / 1_000_000;
                return (valid ? HealthResult.healthy() : HealthResult.unhealthy("the connection is not valid"))
                        .withDetail("validation_ms", ms);
            } catch (SQLException e) {
                // The SQL state says what failed; the message may hold a URL with credentials, so it is left out.
                return HealthResult.unhealthy("cannot connect: " + e.getClass().getName()
                        + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"));
            }
        };
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
