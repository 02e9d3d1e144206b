package dev.vigil.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * HTTP server requests over a sliding window (5 minutes in 10 slices of 30 s): count, failures and a fixed-bucket
 * latency histogram, in total and per route. Recording is lock-free and allocates nothing once a route is known: one
 * array index lookup, a few atomic adds. Memory is bounded: at most {@code maxRoutes} routes get a row of their own,
 * later ones share the row {@value #OTHER}; a request without a route counts in {@value #NO_ROUTE}.
 *
 * <p>A slice is replaced by a fresh one when its time comes round again, so a request recorded by a thread that still
 * holds the old slice at that instant is lost: the window is exact to within the requests of that instant.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class RequestWindow {
    /** The row of the routes past the cap. */
    public static final String OTHER = "other";
    /** The row of requests whose route is unknown. */
    public static final String NO_ROUTE = "(no route)";
    /** Upper bounds of the latency buckets, in ms; a last bucket holds everything slower. 200 and 500 are bounds. */
    static final long[] BOUNDS_MS = {5, 10, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 2500, 5000, 10000};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_MS.length];
    private static final int COUNT = 0;
    private static final int FAILURES = 1;
    private static final int BUCKETS = 2;
    private static final int FIELDS = BUCKETS + BOUNDS_MS.length + 1;

    static {
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            BOUNDS_NANOS[i] = TimeUnit.MILLISECONDS.toNanos(BOUNDS_MS[i]);
        }
    }

    private final LongSupplier nanoClock;
    private final long sliceNanos;
    private final int slices;
    private final int maxRoutes;
    private final AtomicReferenceArray<Slice> ring;
    private final ConcurrentHashMap<String, Integer> rows = new ConcurrentHashMap<>();
    /** Row names by index: 0 is {@link #OTHER}, 1 {@link #NO_ROUTE}; written once per row before its index is published. */
    private final AtomicReferenceArray<String> names;
    private final AtomicInteger nextRow = new AtomicInteger(2);

    /**
     * @param window the window's length, for example 5 minutes
     * @param slices how many slices it has; the window moves by one slice at a time
     * @param maxRoutes how many routes get a row of their own
     * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public RequestWindow(java.time.Duration window, int slices, int maxRoutes, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.slices = slices;
        this.sliceNanos = window.toNanos() / slices;
        this.maxRoutes = maxRoutes;
        this.ring = new AtomicReferenceArray<>(slices);
        // Routes, plus OTHER and NO_ROUTE.
        this.names = new AtomicReferenceArray<>(maxRoutes + 2);
        names.set(0, OTHER);
        names.set(1, NO_ROUTE);
        rows.put(NO_ROUTE, 1);
    }

    /** @return the window's length in seconds */
    public double windowSeconds() {
        return sliceNanos * (double) slices / 1e9;
    }

    /**
     * Counts one request. Never throws, never blocks.
     *
     * @param route the route template, or null when unknown
     * @param failed whether it failed (a 5xx, or no response at all)
     * @param nanos how long it took
     */
    public void record(String route, boolean failed, long nanos) {
        int row = row(route == null ? NO_ROUTE : route);
        AtomicLongArray data = current(nanoClock.getAsLong()).data;
        int base = row * FIELDS;
        data.incrementAndGet(base + COUNT);
        if (failed) {
            data.incrementAndGet(base + FAILURES);
        }
        int b = 0;
        while (b < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[b]) {
            b++;
        }
        data.incrementAndGet(base + BUCKETS + b);
    }

    private int row(String route) {
        Integer r = rows.get(route);
        if (r != null) {
            return r;
        }
        if (rows.size() >= maxRoutes + 1) { // + 1: NO_ROUTE's row is in the map too
            return 0;
        }
        return rows.computeIfAbsent(route, k -> {
            int i = nextRow.getAndIncrement();
            if (i >= names.length()) {
                return 0; // raced past the cap: fold into OTHER
            }
            names.set(i, k);
            return i;
        });
    }

    private Slice current(long now) {
        long epoch = Math.floorDiv(now, sliceNanos);
        int i = (int) Math.floorMod(epoch, (long) slices);
        Slice s = ring.get(i);
        while (s == null || s.epoch < epoch) {
            Slice fresh = new Slice(epoch, names.length() * FIELDS);
            if (ring.compareAndSet(i, s, fresh)) {
                return fresh;
            }
            s = ring.get(i);
        }
        return s; // the current slice, or (after a clock step back) a later one: still inside the window
    }

    /**
     * Sums the window as it is now.
     *
     * @return the totals and the rows with at least one request, busiest first, {@link #OTHER} last
     */
    public Snapshot snapshot() {
        long epoch = Math.floorDiv(nanoClock.getAsLong(), sliceNanos);
        int rowCount = Math.min(nextRow.get(), names.length());
        long[] sums = new long[rowCount * FIELDS];
        for (int i = 0; i < slices; i++) {
            Slice s = ring.get(i);
            if (s != null && s.epoch > epoch - slices && s.epoch <= epoch) {
                for (int j = 0; j < sums.length; j++) {
                    sums[j] += s.data.get(j);
                }
            }
        }
        List<Stats> routes = new ArrayList<>();
        long[] total = new long[FIELDS];
        Stats other = null;
        for (int r = 0; r < rowCount; r++) {
            long[] f = new long[FIELDS];
            System.arraycopy(sums, r * FIELDS, f, 0, FIELDS);
            for (int j = 0; j < FIELDS; j++) {
                total[j] += f[j];
            }
            String name = names.get(r);
            if (f[COUNT] > 0 && name != null) {
                Stats st = new Stats(name, f);
                if (r == 0) {
                    other = st;
                } else {
                    routes.add(st);
                }
            }
        }
        routes.sort((a, b) -> Long.compare(b.count(), a.count()));
        if (other != null) {
            routes.add(other);
        }
        return new Snapshot(new Stats("all", total), routes, windowSeconds());
    }

    /** One slice of the window: its epoch (slice number since the clock's origin) and its counters. */
    private static final class Slice {
        final long epoch;
        final AtomicLongArray data;

        Slice(long epoch, int length) {
            this.epoch = epoch;
            this.data = new AtomicLongArray(length);
        }
    }

    /** The window's totals and rows at one instant. */
    public static final class Snapshot {
        private final Stats total;
        private final List<Stats> routes;
        private final double seconds;

        Snapshot(Stats total, List<Stats> routes, double seconds) {
            this.total = total;
            this.routes = List.copyOf(routes);
            this.seconds = seconds;
        }

        /** @return every request of the window */
        public Stats total() {
            return total;
        }

        /** @return the rows with requests, busiest first, {@link #OTHER} last */
        public List<Stats> routes() {
            return routes;
        }

        /** @return the window's length in seconds, to turn counts into rates */
        public double seconds() {
            return seconds;
        }
    }

    /** Requests of one row (or all of them) over the window. */
    public static final class Stats {
        private final String route;
        private final long[] fields;

        Stats(String route, long[] fields) {
            this.route = route;
            this.fields = fields;
        }

        /** @return the route template, {@link #OTHER}, {@link #NO_ROUTE} or {@code all} */
        public String route() {
            return route;
        }

        /** @return the requests */
        public long count() {
            return fields[COUNT];
        }

        /** @return the failed requests */
        public long failures() {
            return fields[FAILURES];
        }

        /** @return the share of requests that did not fail, 0 to 1; 1 when there were none */
        public double successRate() {
            return count() == 0 ? 1.0 : 1.0 - (double) failures() / count();
        }

        /**
         * The share of requests slower than a latency: exact when it is a bucket bound (see {@link #BOUNDS_MS}),
         * else interpolated linearly inside its bucket.
         *
         * @param ms the latency in ms
         * @return 0 to 1; 0 with no requests
         */
        public double fractionAbove(double ms) {
            long n = count();
            if (n == 0) {
                return 0;
            }
            double above = 0;
            for (int b = 0; b <= BOUNDS_MS.length; b++) {
                double lower = b == 0 ? 0 : BOUNDS_MS[b - 1];
                double upper = b == BOUNDS_MS.length ? Double.POSITIVE_INFINITY : BOUNDS_MS[b];
                long inBucket = fields[BUCKETS + b];
                if (lower >= ms) {
                    above += inBucket;
                } else if (upper > ms) {
                    above += upper == Double.POSITIVE_INFINITY ? 0 : inBucket * (upper - ms) / (upper - lower);
                }
            }
            return above / n;
        }

        /**
         * The latency under which a share of the requests completed, interpolated linearly inside its bucket as
         * Prometheus's {@code histogram_quantile} does; requests past the last bound count as that bound.
         *
         * @param q the quantile, for example 0.95
         * @return the latency in ms; 0 with no requests
         */
        public double quantileMs(double q) {
            long n = count();
            if (n == 0) {
                return 0;
            }
            double rank = q * n;
            long below = 0;
            for (int b = 0; b <= BOUNDS_MS.length; b++) {
                long inBucket = fields[BUCKETS + b];
                if (inBucket > 0 && below + inBucket >= rank) {
                    if (b == BOUNDS_MS.length) {
                        return BOUNDS_MS[b - 1];
                    }
                    double lower = b == 0 ? 0 : BOUNDS_MS[b - 1];
                    return lower + (BOUNDS_MS[b] - lower) * (rank - below) / inBucket;
                }
                below += inBucket;
            }
            return BOUNDS_MS[BOUNDS_MS.length - 1];
        }
    }
}
