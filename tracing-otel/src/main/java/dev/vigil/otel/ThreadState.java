package dev.vigil.otel;

import io.opentelemetry.api.internal.OtelEncodingUtils;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Per-thread state of the adapter, one {@link ThreadLocal} for all of it so that a sampled observation pays one
 * lookup: the ids core assigned to the span being started (read by {@link CoreIds}), and the stack of spans whose
 * scope is open on this thread (so that OpenTelemetry's {@code Span.current()} returns the recording span, and a
 * child's parent is that span rather than a converted copy).
 *
 * <p>The stack is a few parallel arrays, so a scope costs no object of its own. A frame whose span ended while it
 * was still current here (its observation was closed on another thread) cannot be removed by that thread; it is
 * pruned here, by the next scope that closes below it or the next span whose parent it is not.
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);
    /** Deeper scopes are not tracked: their spans are still exported, only found through a converted copy. */
    private static final int MAX_DEPTH = 64;

    /**
     * The ids core assigned to the span {@code startSpan()} is creating right now, valid while {@link #hasNext}.
     * Kept as numbers, not as the {@code SpanContext}: storing a new object into this long-lived one would cost a
     * garbage-collector write barrier on every span.
     */
    boolean hasNext;
    boolean nextSampled;
    long nextTraceIdHigh;
    long nextTraceIdLow;
    long nextSpanId;
    /**
     * Where {@link #hex} encodes ids: OpenTelemetry's {@code SpanId.fromLong} encodes into a buffer of its own that
     * costs a second thread-local lookup per id, while the caller has just looked this state up.
     */
    private final char[] hexBuffer = new char[32];
    /** One-entry cache of the fallback bridge: core context {@link #pulledFrom} seen with this OpenTelemetry span. */
    dev.vigil.context.Context pulledFrom;
    io.opentelemetry.api.trace.SpanContext pulledSpan;
    dev.vigil.context.Context pulled;

    /** The ids of each frame's span as numbers (no write barrier per push), matched by value. */
    private long[] spanIds = new long[8];
    private long[] traceIdsLow = new long[8];
    private Span[] spans = new Span[8];
    /** The OpenTelemetry scope opened with the frame, in the fallback bridge mode only. */
    private Scope[] otelScopes = new Scope[8];
    /** Cache of the shared bridge: the OpenTelemetry context {@code mergedBase[i]} with {@code spans[i]} put in it. */
    private Context[] mergedBase = new Context[8];
    private Context[] merged = new Context[8];
    private int depth;

    static ThreadState get() {
        return STATE.get();
    }

    /** @return how many scopes are open on this thread; for tests */
    int depth() {
        return depth;
    }

    /** Sets the ids {@link CoreIds} hands to the SDK during the {@code startSpan()} that follows. */
    void expect(dev.vigil.trace.SpanContext sc) {
        nextTraceIdHigh = sc.traceIdHigh();
        nextTraceIdLow = sc.traceIdLow();
        nextSpanId = sc.spanId();
        nextSampled = sc.isSampled();
        hasNext = true;
    }

    /** @return the 16 lowercase hex digits of a non-zero span id, as {@code SpanId.fromLong} writes them */
    String hex(long spanId) {
        OtelEncodingUtils.longToBase16String(spanId, hexBuffer, 0);
        return new String(hexBuffer, 0, 16);
    }

    /** @return the 32 lowercase hex digits of a non-zero trace id, as {@code TraceId.fromLongs} writes them */
    String hex(long traceIdHigh, long traceIdLow) {
        OtelEncodingUtils.longToBase16String(traceIdHigh, hexBuffer, 0);
        OtelEncodingUtils.longToBase16String(traceIdLow, hexBuffer, 16);
        return new String(hexBuffer, 0, 32);
    }

    private boolean is(int i, dev.vigil.trace.SpanContext sc) {
        return spanIds[i] == sc.spanId() && traceIdsLow[i] == sc.traceIdLow();
    }

    private int indexOf(dev.vigil.trace.SpanContext sc) {
        for (int i = depth - 1, n = 0; i >= 0 && n < 8; i--, n++) {
            if (is(i, sc)) {
                return i;
            }
        }
        return -1;
    }

    /** The OpenTelemetry span for a core span context: the recording one when its scope is open here. */
    Span spanFor(dev.vigil.trace.SpanContext sc) {
        int i = indexOf(sc);
        return i >= 0 ? spans[i] : Span.wrap(Conversions.toOtel(sc));
    }

    /** The OpenTelemetry context {@code base} with the recording span of {@code sc} in it, or null if not open here. */
    Context mergedInto(dev.vigil.trace.SpanContext sc, Context base) {
        int i = indexOf(sc);
        if (i < 0) {
            return null;
        }
        if (mergedBase[i] != base) {
            merged[i] = base.with(spans[i]);
            mergedBase[i] = base;
        }
        return merged[i];
    }

    /** @return whether the innermost open scope is that of the span with the ids {@code sc} */
    boolean topIs(dev.vigil.trace.SpanContext sc) {
        return depth > 0 && is(depth - 1, sc);
    }

    /** @return the span of the innermost open scope, or null */
    Span topSpan() {
        return depth == 0 ? null : spans[depth - 1];
    }

    /** @return whether the innermost open scope also made its span current in OpenTelemetry (fallback mode) */
    boolean topHasOtelScope() {
        return depth > 0 && otelScopes[depth - 1] != null;
    }

    /** Opens a frame; {@code parent} is the observation's parent, normally the top frame's ids. */
    void push(dev.vigil.trace.SpanContext sc, Span span, dev.vigil.trace.SpanContext parent, Scope otelScope) {
        if (depth > 0 && !is(depth - 1, parent)) {
            pruneEnded(0);
        }
        if (depth == spanIds.length) {
            if (depth >= MAX_DEPTH) {
                if (otelScope != null) {
                    otelScope.close();
                }
                return;
            }
            int n = depth * 2;
            spanIds = java.util.Arrays.copyOf(spanIds, n);
            traceIdsLow = java.util.Arrays.copyOf(traceIdsLow, n);
            spans = java.util.Arrays.copyOf(spans, n);
            otelScopes = java.util.Arrays.copyOf(otelScopes, n);
            mergedBase = java.util.Arrays.copyOf(mergedBase, n);
            merged = java.util.Arrays.copyOf(merged, n);
        }
        spanIds[depth] = sc.spanId();
        traceIdsLow[depth] = sc.traceIdLow();
        spans[depth] = span;
        otelScopes[depth] = otelScope;
        depth++;
    }

    /** Closes the frame of {@code span}, normally the top; frames of ended spans above it go too. */
    void pop(Span span) {
        int top = depth - 1;
        if (top >= 0 && spans[top] == span) {
            // The common case, the innermost scope closing: nothing above it to prune or shift.
            Scope s = otelScopes[top];
            clear(top);
            depth = top;
            if (s != null) {
                s.close();
            }
            return;
        }
        for (int i = top - 1; i >= 0; i--) {
            if (spans[i] == span) {
                pruneEnded(i + 1);
                // Anything still above is a live scope closed out of order: keep it, unlink this one.
                top = depth - 1;
                Scope s = otelScopes[i];
                System.arraycopy(spanIds, i + 1, spanIds, i, top - i);
                System.arraycopy(traceIdsLow, i + 1, traceIdsLow, i, top - i);
                System.arraycopy(spans, i + 1, spans, i, top - i);
                System.arraycopy(otelScopes, i + 1, otelScopes, i, top - i);
                System.arraycopy(mergedBase, i + 1, mergedBase, i, top - i);
                System.arraycopy(merged, i + 1, merged, i, top - i);
                clear(top);
                depth = top;
                if (s != null) {
                    s.close();
                }
                return;
            }
        }
    }

    /** Drops the frames from {@code from} up whose span has ended; reads each span's state, so off the common path. */
    private void pruneEnded(int from) {
        int w = from;
        for (int r = from; r < depth; r++) {
            if (spans[r].isRecording()) {
                spanIds[w] = spanIds[r];
                traceIdsLow[w] = traceIdsLow[r];
                spans[w] = spans[r];
                otelScopes[w] = otelScopes[r];
                mergedBase[w] = mergedBase[r];
                merged[w] = merged[r];
                w++;
            } else if (otelScopes[r] != null) {
                otelScopes[r].close();
            }
        }
        for (int i = w; i < depth; i++) {
            clear(i);
        }
        depth = w;
    }

    private void clear(int i) {
        spanIds[i] = 0L;
        traceIdsLow[i] = 0L;
        spans[i] = null;
        otelScopes[i] = null;
        mergedBase[i] = null;
        merged[i] = null;
    }
}
