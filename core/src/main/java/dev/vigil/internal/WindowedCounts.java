package dev.vigil.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * A few counters over a sliding window (5 minutes in 10 slices of 30 s unless told otherwise): what a backend
 * exported, failed and dropped lately. Lock-free; counting allocates nothing except a fresh slice once per slice
 * length. As in {@link RequestWindow}, a count made by a thread that still holds a slice being replaced is lost.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class WindowedCounts {
    private final int counters;
    private final int slices;
    private final long sliceNanos;
    private final LongSupplier nanoClock;
    private final AtomicReferenceArray<Slice> ring;

    /**
     * @param counters how many counters
     * @param window the window's length
     * @param slices how many slices it has
     * @param nanoClock a monotonic clock in nanoseconds
     */
    public WindowedCounts(int counters, java.time.Duration window, int slices, LongSupplier nanoClock) {
        this.counters = counters;
        this.slices = slices;
        this.sliceNanos = window.toNanos() / slices;
        this.nanoClock = nanoClock;
        this.ring = new AtomicReferenceArray<>(slices);
    }

    /**
     * @param counter the counter's index
     * @param n how much to add; nothing happens for 0 or less
     */
    public void add(int counter, long n) {
        if (n <= 0 || counter < 0 || counter >= counters) {
            return;
        }
        long epoch = Math.floorDiv(nanoClock.getAsLong(), sliceNanos);
        int i = (int) Math.floorMod(epoch, (long) slices);
        Slice s = ring.get(i);
        while (s == null || s.epoch < epoch) {
            Slice fresh = new Slice(epoch, counters);
            if (ring.compareAndSet(i, s, fresh)) {
                s = fresh;
                break;
            }
            s = ring.get(i);
        }
        s.data.addAndGet(counter, n);
    }

    /** @return each counter's sum over the window as it is now */
    public long[] sums() {
        long epoch = Math.floorDiv(nanoClock.getAsLong(), sliceNanos);
        long[] out = new long[counters];
        for (int i = 0; i < slices; i++) {
            Slice s = ring.get(i);
            if (s != null && s.epoch > epoch - slices && s.epoch <= epoch) {
                for (int c = 0; c < counters; c++) {
                    out[c] += s.data.get(c);
                }
            }
        }
        return out;
    }

    private static final class Slice {
        final long epoch;
        final AtomicLongArray data;

        Slice(long epoch, int counters) {
            this.epoch = epoch;
            this.data = new AtomicLongArray(counters);
        }
    }
}
