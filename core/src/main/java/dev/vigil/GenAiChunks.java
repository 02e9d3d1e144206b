package dev.vigil;

import dev.vigil.conventions.GenAiConventions;
import dev.vigil.internal.ConventionMetrics;
import java.util.Arrays;

/**
 * The chunks of one streamed call: when the first came, the gaps between the later ones and how much text they
 * carried. The gaps are kept until the call closes, so they are recorded with the call's final attributes (the
 * response model, {@code error.type}); a very long stream flushes them every {@value #MAX_GAPS} chunks with the
 * attributes known then, so memory stays bounded. Guarded by the call's lock.
 */
final class GenAiChunks {
    static final int MAX_GAPS = 1024;

    private final GenAiCall call;
    private long firstNanos = -1;
    private long lastAt;
    private long count;
    private long chars;
    private long[] gaps = new long[16];
    private int gapCount;
    private long[] full;

    GenAiChunks(GenAiCall call) {
        this.call = call;
    }

    /** With the call's lock held. */
    void add(long now, int length) {
        count++;
        chars += length;
        if (firstNanos < 0) {
            firstNanos = now - call.startNanos;
        } else {
            if (gapCount == gaps.length) {
                gaps = Arrays.copyOf(gaps, Math.min(MAX_GAPS, gaps.length * 2));
            }
            gaps[gapCount++] = now - lastAt;
            if (gapCount == MAX_GAPS) {
                full = Arrays.copyOf(gaps, gapCount);
                gapCount = 0;
            }
        }
        lastAt = now;
    }

    /** Without the call's lock: records a full buffer of gaps, if {@link #add} filled one. */
    void flushIfFull() {
        long[] toRecord;
        String[] kv;
        synchronized (call) {
            toRecord = full;
            full = null;
            kv = toRecord == null ? null : GenAiOutcome.tags(call);
        }
        if (toRecord != null) {
            recordGaps(call.genAi.vigil(), toRecord, toRecord.length, kv);
        }
    }

    long count() {
        return count;
    }

    long chars() {
        return chars;
    }

    long firstNanos() {
        return firstNanos;
    }

    /** With the call's lock held: the gaps not yet recorded. */
    long[] takeGaps() {
        long[] out = Arrays.copyOf(gaps, gapCount);
        gapCount = 0;
        return out;
    }

    static void recordGaps(Vigil vigil, long[] gaps, int n, String[] kv) {
        for (int i = 0; i < n; i++) {
            ConventionMetrics.recordNanos(vigil, GenAiConventions.CLIENT_TIME_PER_OUTPUT_CHUNK, gaps[i], kv);
        }
    }
}
