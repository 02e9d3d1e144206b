package dev.vigil.trace;

import dev.vigil.VigilConfig;
import dev.vigil.internal.TraceSampler;

/**
 * The sampling core applies to the spans it starts, read from {@code otel.traces.sampler} and
 * {@code otel.traces.sampler.arg} as the OpenTelemetry SDK reads them: a ratio of root traces, and whether a valid
 * parent's decision is followed instead. Core decides for every observation itself; a tracer that also starts spans
 * of its own configures its sampler from this value, so that both agree on every trace.
 *
 * <pre>{@code
 * TraceSampling sampling = TraceSampling.fromConfig(context.config());
 * Sampler ratio = Sampler.traceIdRatioBased(sampling.ratio());
 * Sampler sampler = sampling.isParentBased() ? Sampler.parentBased(ratio) : ratio;
 * }</pre>
 *
 * <p>Immutable.
 */
public final class TraceSampling {
    private final boolean parentBased;
    private final double ratio;

    private TraceSampling(boolean parentBased, double ratio) {
        this.parentBased = parentBased;
        this.ratio = ratio;
    }

    /**
     * Reads the sampling from configuration, as core does at {@code build()}.
     *
     * @param config the configuration
     * @return the sampling core applies with it
     * @throws IllegalArgumentException when the sampler name is unknown or the ratio is not between 0 and 1
     */
    public static TraceSampling fromConfig(VigilConfig config) {
        TraceSampler sampler = TraceSampler.fromConfig(config);
        return new TraceSampling(sampler.isParentBased(), sampler.ratio());
    }

    /** @return the ratio of traces sampled at the root (of all spans when not parent-based), from 0 to 1 */
    public double ratio() {
        return ratio;
    }

    /** @return whether a span with a valid parent follows the parent's decision instead of the ratio */
    public boolean isParentBased() {
        return parentBased;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceSampling && ((TraceSampling) o).parentBased == parentBased
                && Double.compare(((TraceSampling) o).ratio, ratio) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(parentBased) + Double.hashCode(ratio);
    }

    /** @return the sampler's name as OpenTelemetry spells it, for example {@code parentbased_traceidratio(0.1)} */
    @Override
    public String toString() {
        return (parentBased ? "parentbased_" : "") + (ratio >= 1 ? "always_on" : ratio <= 0 ? "always_off"
                : "traceidratio(" + ratio + ")");
    }
}
