package dev.vigil.internal;

import dev.vigil.VigilConfig;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code vigil.health.*} thresholds of the built-in checks, read and validated once at {@code build()}: a bad
 * value fails there with a message naming the key (never echoing the value of a sensitive one).
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class HealthSettings {
    /** Below this many requests in the window the HTTP checks do not judge. */
    public static final String HTTP_MIN_REQUESTS = "vigil.health.http.min-requests";
    /** Success rate (percent) under which the HTTP check is degraded. */
    public static final String SUCCESS_DEGRADED = "vigil.health.http.success-rate.degraded-below";
    /** Success rate (percent) under which the HTTP check is unhealthy. */
    public static final String SUCCESS_UNHEALTHY = "vigil.health.http.success-rate.unhealthy-below";
    /** p95 latency (ms) from which the latency check is degraded. */
    public static final String P95_DEGRADED = "vigil.health.http.p95.degraded-ms";
    /** p95 latency (ms) above which the latency check is unhealthy. */
    public static final String P95_UNHEALTHY = "vigil.health.http.p95.unhealthy-ms";
    /** How many routes the window tracks one by one. */
    public static final String MAX_ROUTES = "vigil.health.http.max-routes";
    /** Task queue depth from which the tasks check is degraded. */
    public static final String QUEUE_DEGRADED = "vigil.health.tasks.queue-depth.degraded";
    /** Task queue depth above which the tasks check is unhealthy. */
    public static final String QUEUE_UNHEALTHY = "vigil.health.tasks.queue-depth.unhealthy";
    /** The path whose file store the disk check measures. */
    public static final String DISK_PATH = "vigil.health.disk.path";
    /** Free space (percent) under which the disk check is degraded. */
    public static final String DISK_DEGRADED = "vigil.health.disk.degraded-below-percent";
    /** Free space (percent) under which the disk check is unhealthy. */
    public static final String DISK_UNHEALTHY = "vigil.health.disk.unhealthy-below-percent";
    /** Heap used after GC (percent of the maximum) from which the heap check is degraded. */
    public static final String HEAP_DEGRADED = "vigil.health.heap.degraded-percent";
    /** Heap used after GC (percent of the maximum) from which the heap check is unhealthy. */
    public static final String HEAP_UNHEALTHY = "vigil.health.heap.unhealthy-percent";
    /** Whether the status page accepts the management token as {@code ?token=}. */
    public static final String PAGE_QUERY_TOKEN = "vigil.health.page.query-token";

    final long minRequests;
    final double successDegraded;
    final double successUnhealthy;
    final long p95Degraded;
    final long p95Unhealthy;
    final int maxRoutes;
    final long queueDegraded;
    final long queueUnhealthy;
    final Path diskPath;
    final double diskDegraded;
    final double diskUnhealthy;
    final double heapDegraded;
    final double heapUnhealthy;
    final boolean queryToken;

    private HealthSettings(VigilConfig c) {
        minRequests = c.getLong(HTTP_MIN_REQUESTS, 20, 0, 1_000_000_000);
        successDegraded = percent(c, SUCCESS_DEGRADED, 95);
        successUnhealthy = percent(c, SUCCESS_UNHEALTHY, 80);
        ordered(c, SUCCESS_UNHEALTHY, successUnhealthy, SUCCESS_DEGRADED, successDegraded);
        p95Degraded = c.getLong(P95_DEGRADED, 200, 1, 3_600_000);
        p95Unhealthy = c.getLong(P95_UNHEALTHY, 500, 1, 3_600_000);
        ordered(c, P95_DEGRADED, p95Degraded, P95_UNHEALTHY, p95Unhealthy);
        maxRoutes = (int) c.getLong(MAX_ROUTES, 50, 1, 1000);
        queueDegraded = c.getLong(QUEUE_DEGRADED, 100, 1, Integer.MAX_VALUE);
        queueUnhealthy = c.getLong(QUEUE_UNHEALTHY, 500, 1, Integer.MAX_VALUE);
        ordered(c, QUEUE_DEGRADED, queueDegraded, QUEUE_UNHEALTHY, queueUnhealthy);
        diskPath = path(c);
        diskDegraded = percent(c, DISK_DEGRADED, 10);
        diskUnhealthy = percent(c, DISK_UNHEALTHY, 5);
        ordered(c, DISK_UNHEALTHY, diskUnhealthy, DISK_DEGRADED, diskDegraded);
        heapDegraded = percent(c, HEAP_DEGRADED, 90);
        heapUnhealthy = percent(c, HEAP_UNHEALTHY, 98);
        ordered(c, HEAP_DEGRADED, heapDegraded, HEAP_UNHEALTHY, heapUnhealthy);
        queryToken = c.getBoolean(PAGE_QUERY_TOKEN, false);
    }

    /**
     * @param config the resolved configuration
     * @return the settings
     * @throws IllegalArgumentException naming the first bad key
     */
    public static HealthSettings from(VigilConfig config) {
        return new HealthSettings(config);
    }

    /** @return whether the status page accepts {@code ?token=} */
    public boolean queryToken() {
        return queryToken;
    }

    /** @return how many routes the request window tracks one by one */
    public int maxRoutes() {
        return maxRoutes;
    }

    private static double percent(VigilConfig c, String key, double defaultValue) {
        String v = c.get(key);
        if (v == null) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(c.describe(key) + " must be a percentage such as 95 or 99.5, not '"
                    + dev.vigil.Redaction.defaults().redactValue(key, v) + "'");
        }
        if (!(d >= 0 && d <= 100)) {
            throw new IllegalArgumentException(c.describe(key) + " must be between 0 and 100, not " + v);
        }
        return d;
    }

    private static void ordered(VigilConfig c, String lowKey, double low, String highKey, double high) {
        if (low > high) {
            throw new IllegalArgumentException(c.describe(lowKey) + " (" + fmt(low) + ") must not be above "
                    + c.describe(highKey) + " (" + fmt(high) + ")");
        }
    }

    private static Path path(VigilConfig c) {
        String v = c.get(DISK_PATH, ".");
        try {
            Path p = Path.of(v).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(c.describe(DISK_PATH) + " names a path that does not exist: " + p);
            }
            return p;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(c.describe(DISK_PATH) + " is not a valid path", e);
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
