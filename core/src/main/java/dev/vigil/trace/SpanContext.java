package dev.vigil.trace;

import dev.vigil.internal.Hex;

import java.util.Objects;

/**
 * The part of a span that crosses process boundaries: trace id, span id, trace flags and trace state.
 *
 * <p>Ids are held as primitive longs rather than hex strings so that creating, comparing and propagating a context
 * allocates as little as possible; the hex forms are computed on first request and cached. Instances are immutable and
 * safe to share between threads.
 *
 * <p>A context is either fully valid or the {@link #invalid()} singleton: the factories never return a context with a
 * valid trace id but an invalid span id (or vice versa), so callers only ever need to check {@link #isValid()}.
 */
public final class SpanContext {

    /** Trace flag bit meaning "the caller may have recorded trace data" (W3C {@code sampled}). */
    public static final byte FLAG_SAMPLED = 0x01;

    /**
     * Trace flag bit meaning "at least the right-most 7 bytes of the trace id are random" (W3C Trace Context Level 2
     * {@code random-trace-id}); it must be kept unchanged for as long as the trace id is kept.
     */
    public static final byte FLAG_RANDOM = 0x02;

    private static final SpanContext INVALID = new SpanContext(0L, 0L, 0L, (byte) 0, TraceState.empty(), false);

    private final long traceIdHigh;
    private final long traceIdLow;
    private final long spanId;
    private final byte traceFlags;
    private final TraceState traceState;
    private final boolean remote;

    // Lazily computed caches. Races are benign: every thread computes the same immutable String (the String.hash
    // idiom).
    private String traceIdHex;
    private String spanIdHex;

    private SpanContext(
            long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, TraceState traceState, boolean remote) {
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
        this.traceFlags = traceFlags;
        this.traceState = traceState;
        this.remote = remote;
    }

    /**
     * Creates a context for a span created in this process.
     *
     * @param traceIdHigh the high (left-most) 64 bits of the trace id
     * @param traceIdLow the low (right-most) 64 bits of the trace id
     * @param spanId the span id
     * @param traceFlags the W3C trace flags, e.g. {@link #FLAG_SAMPLED}
     * @param traceState the vendor trace state; {@code null} means empty
     * @return the context, or {@link #invalid()} if the trace id or the span id is all zero
     */
    public static SpanContext create(
            long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, TraceState traceState) {
        return of(traceIdHigh, traceIdLow, spanId, traceFlags, traceState, false);
    }

    /**
     * Creates a context received from another process, typically by a propagator.
     *
     * @param traceIdHigh the high (left-most) 64 bits of the trace id
     * @param traceIdLow the low (right-most) 64 bits of the trace id
     * @param spanId the caller's span id (the W3C {@code parent-id})
     * @param traceFlags the W3C trace flags
     * @param traceState the vendor trace state; {@code null} means empty
     * @return the context, or {@link #invalid()} if the trace id or the span id is all zero
     */
    public static SpanContext createFromRemoteParent(
            long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, TraceState traceState) {
        return of(traceIdHigh, traceIdLow, spanId, traceFlags, traceState, true);
    }

    /**
     * Returns the invalid context: all-zero ids, no flags, empty trace state. It stands for "no parent", so a new trace
     * is started from it.
     *
     * @return the shared invalid context
     */
    public static SpanContext invalid() {
        return INVALID;
    }

    private static SpanContext of(
            long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, TraceState traceState, boolean remote) {
        if ((traceIdHigh == 0L && traceIdLow == 0L) || spanId == 0L) {
            return INVALID;
        }
        return new SpanContext(
                traceIdHigh, traceIdLow, spanId, traceFlags,
                traceState == null ? TraceState.empty() : traceState, remote);
    }

    /**
     * Tells whether this context identifies a span: both the trace id and the span id are non-zero.
     *
     * @return {@code true} unless this is the {@link #invalid()} context
     */
    public boolean isValid() {
        return spanId != 0L;
    }

    /**
     * Tells whether the {@link #FLAG_SAMPLED sampled} flag is set.
     *
     * @return {@code true} if the caller may have recorded this trace
     */
    public boolean isSampled() {
        return (traceFlags & FLAG_SAMPLED) != 0;
    }

    /**
     * Tells whether this context was received from another process rather than created here.
     *
     * @return {@code true} for contexts made by {@link #createFromRemoteParent}
     */
    public boolean isRemote() {
        return remote;
    }

    /**
     * Returns the high (left-most) 64 bits of the trace id.
     *
     * @return the high half of the trace id; zero only for the invalid context or ids below 2^64
     */
    public long traceIdHigh() {
        return traceIdHigh;
    }

    /**
     * Returns the low (right-most) 64 bits of the trace id.
     *
     * @return the low half of the trace id
     */
    public long traceIdLow() {
        return traceIdLow;
    }

    /**
     * Returns the span id.
     *
     * @return the span id; zero only for the invalid context
     */
    public long spanId() {
        return spanId;
    }

    /**
     * Returns the W3C trace flags byte.
     *
     * @return the flags, see {@link #FLAG_SAMPLED} and {@link #FLAG_RANDOM}
     */
    public byte traceFlags() {
        return traceFlags;
    }

    /**
     * Returns the vendor-specific trace state.
     *
     * @return the trace state, never {@code null}
     */
    public TraceState traceState() {
        return traceState;
    }

    /**
     * Returns the trace id as 32 lowercase hex digits, computed once and cached.
     *
     * @return the hex trace id, e.g. {@code 4bf92f3577b34da6a3ce929d0e0e4736}
     */
    public String traceIdHex() {
        String hex = traceIdHex;
        if (hex == null) {
            hex = Hex.toHex(traceIdHigh, traceIdLow);
            traceIdHex = hex;
        }
        return hex;
    }

    /**
     * Returns the span id as 16 lowercase hex digits, computed once and cached.
     *
     * @return the hex span id, e.g. {@code 00f067aa0ba902b7}
     */
    public String spanIdHex() {
        String hex = spanIdHex;
        if (hex == null) {
            hex = Hex.toHex(spanId);
            spanIdHex = hex;
        }
        return hex;
    }

    /**
     * Returns a copy of this context with another trace state, keeping ids, flags and remoteness.
     *
     * @param newTraceState the trace state; {@code null} means empty
     * @return the new context, or this invalid context unchanged (an invalid context carries no state)
     */
    public SpanContext withTraceState(TraceState newTraceState) {
        if (!isValid()) {
            return this;
        }
        return new SpanContext(traceIdHigh, traceIdLow, spanId, traceFlags,
                newTraceState == null ? TraceState.empty() : newTraceState, remote);
    }

    /** Value equality over ids, flags, trace state and remoteness. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SpanContext)) {
            return false;
        }
        SpanContext other = (SpanContext) o;
        return traceIdHigh == other.traceIdHigh && traceIdLow == other.traceIdLow && spanId == other.spanId
                && traceFlags == other.traceFlags && remote == other.remote && traceState.equals(other.traceState);
    }

    /** Hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(traceIdHigh, traceIdLow, spanId, traceFlags, remote, traceState);
    }

    /** Debug form; the format is not a contract. */
    @Override
    public String toString() {
        return "SpanContext{traceId=" + traceIdHex() + ", spanId=" + spanIdHex() + ", flags="
                + Integer.toHexString(traceFlags & 0xff) + ", remote=" + remote
                + ", traceState=" + traceState.asW3CString() + '}';
    }
}
