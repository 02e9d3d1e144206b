package dev.vigil.internal;

import dev.vigil.Redaction;
import dev.vigil.VigilConfig;
import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.util.Locale;

/**
 * Core's sampling decision and span-id assignment, read from {@code otel.traces.sampler} and
 * {@code otel.traces.sampler.arg} as the OpenTelemetry SDK reads them. The ratio test on a root span is
 * OpenTelemetry's {@code TraceIdRatioBased} (the low 8 bytes of the trace id against ratio × Long.MAX_VALUE),
 * so Vigil and an OpenTelemetry SDK configured alike agree on every trace.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class TraceSampler {
    /** Key of the sampler name, as OpenTelemetry's. */
    public static final String SAMPLER = "otel.traces.sampler";
    /** Key of the sampler argument (the ratio), as OpenTelemetry's. */
    public static final String SAMPLER_ARG = "otel.traces.sampler.arg";
    /** Samples every root span and follows the parent: OpenTelemetry's default. */
    public static final TraceSampler DEFAULT = new TraceSampler(true, 1.0);

    private final boolean parentBased;
    private final double ratio;
    private final long idUpperBound;

    private TraceSampler(boolean parentBased, double ratio) {
        this.parentBased = parentBased;
        this.ratio = ratio;
        this.idUpperBound = ratio <= 0 ? Long.MIN_VALUE : ratio >= 1 ? Long.MAX_VALUE : (long) (ratio * Long.MAX_VALUE);
    }

    /**
     * Reads the sampler from configuration; fails at configuration time on an unknown name or bad ratio.
     *
     * @param config the configuration
     * @return the sampler
     * @throws IllegalArgumentException on invalid values
     */
    public static TraceSampler fromConfig(VigilConfig config) {
        String name = config.get(SAMPLER, "parentbased_always_on").toLowerCase(Locale.ROOT);
        String arg = config.get(SAMPLER_ARG);
        double ratio = 1.0;
        if (arg != null && name.endsWith("traceidratio")) {
            try {
                ratio = Double.parseDouble(arg);
            } catch (NumberFormatException e) {
                // Not chained, and redacted: a configuration error never echoes a secret put in the wrong place.
                throw new IllegalArgumentException(SAMPLER_ARG + " must be a ratio between 0 and 1, not '"
                        + Redaction.defaults().redact(arg) + "'");
            }
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException(SAMPLER_ARG + " must be a ratio between 0 and 1, not " + arg);
            }
        }
        switch (name) {
            case "always_on": return new TraceSampler(false, 1.0);
            case "always_off": return new TraceSampler(false, 0.0);
            case "traceidratio": return new TraceSampler(false, ratio);
            case "parentbased_always_on": return DEFAULT;
            case "parentbased_always_off": return new TraceSampler(true, 0.0);
            case "parentbased_traceidratio": return new TraceSampler(true, ratio);
            default:
                throw new IllegalArgumentException(SAMPLER + " '" + Redaction.defaults().redact(name)
                        + "' is not supported; use always_on, always_off,"
                        + " traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio");
        }
    }

    /** @return the ratio applied to root spans (and to all spans when not parent-based) */
    public double ratio() {
        return ratio;
    }

    /** @return whether a valid parent's decision is followed */
    public boolean isParentBased() {
        return parentBased;
    }

    /**
     * Assigns a child span context: the parent's trace (or a new one), a new span id and the decision.
     *
     * @param parent the current span context, possibly invalid
     * @return the new span context
     */
    public SpanContext child(SpanContext parent) {
        long hi;
        long lo;
        TraceState state;
        boolean sampled;
        byte random;
        if (parent.isValid()) {
            hi = parent.traceIdHigh();
            lo = parent.traceIdLow();
            state = parent.traceState();
            sampled = parentBased ? parent.isSampled() : sampledByRatio(lo);
            // W3C level 2: the random flag describes the trace id, so it travels with it unchanged.
            random = (byte) (parent.traceFlags() & SpanContext.FLAG_RANDOM);
        } else {
            hi = IdGenerator.newTraceIdHigh();
            lo = IdGenerator.newTraceIdLow();
            state = TraceState.empty();
            sampled = sampledByRatio(lo);
            // Our trace ids are fully random, which is what the flag promises downstream samplers.
            random = SpanContext.FLAG_RANDOM;
        }
        byte flags = (byte) ((sampled ? SpanContext.FLAG_SAMPLED : 0) | random);
        return SpanContext.create(hi, lo, IdGenerator.newSpanId(), flags, state);
    }

    private boolean sampledByRatio(long traceIdLow) {
        return idUpperBound == Long.MAX_VALUE || Math.abs(traceIdLow) < idUpperBound;
    }

    @Override
    public String toString() {
        return (parentBased ? "parentbased_" : "") + (ratio >= 1 ? "always_on" : ratio <= 0 ? "always_off" : "traceidratio(" + ratio + ")");
    }
}
