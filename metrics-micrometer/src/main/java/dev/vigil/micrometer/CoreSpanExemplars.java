package dev.vigil.micrometer;

import dev.vigil.context.Context;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Tells the Prometheus client which span is current, from core's {@link Context}, so that the histograms of a
 * registry Vigil owns carry exemplars ({@code # {span_id="…",trace_id="…"} value timestamp} in OpenMetrics).
 * Core assigns span ids with or without a tracer, so exemplars work without OpenTelemetry on the class path.
 *
 * <p>Only the exemplar sampler calls this, and it is rate-limited (at most one sample per meter per sampling
 * interval, 90 ms by default), so reading the thread's context here is off the recording hot path. The three
 * getters are called one after another on the recording thread and each reads {@link Context#current()}; nothing
 * can make another context current in between, so they always describe the same span.
 *
 * <p>What exemplars do cost is Micrometer's: every counter and histogram of such a registry gets an exemplar
 * sampler whose rate limiter is one atomic read per recording (about 0 to 2 ns on a held counter of ~5.5 ns in
 * a JMH run, within the noise of a busy machine). With {@code vigil.metrics.exemplars=false} the discovered
 * provider passes no span context, so its meters get no sampler and record exactly as before.
 *
 * <p>{@link #enabled(boolean)} exists for {@link MicrometerMetrics#prometheus()}, whose registry is created before
 * Vigil's configuration is known: the key is applied at start, and while off no exemplar is ever taken.
 */
final class CoreSpanExemplars implements SpanContext {
    /** Written once at start, read on the rate-limited sampling path only. */
    private volatile boolean enabled = true;

    void enabled(boolean on) {
        this.enabled = on;
    }

    /** @return the current span's 32 lowercase hex digits, or null when no span is current */
    @Override
    public String getCurrentTraceId() {
        dev.vigil.trace.SpanContext span = Context.current().span();
        return span.isValid() ? span.traceIdHex() : null;
    }

    /** @return the current span's 16 lowercase hex digits, or null when no span is current */
    @Override
    public String getCurrentSpanId() {
        dev.vigil.trace.SpanContext span = Context.current().span();
        return span.isValid() ? span.spanIdHex() : null;
    }

    /**
     * Only sampled spans qualify: an exemplar links a metric to a trace, and an unsampled trace was never exported,
     * so the link would lead nowhere.
     *
     * @return whether exemplars are on and the current span is valid and sampled
     */
    @Override
    public boolean isCurrentSpanSampled() {
        if (!enabled) {
            return false;
        }
        dev.vigil.trace.SpanContext span = Context.current().span();
        return span.isValid() && span.isSampled();
    }

    /**
     * Does nothing. OpenTelemetry's bridge sets an attribute so that a tail sampler keeps the span; core's span
     * context is immutable and has no attributes, and the tracing backend, not this module, owns the span.
     */
    @Override
    public void markCurrentSpanAsExemplar() {
        // intentionally empty: see the Javadoc
    }

    @Override
    public String toString() {
        return "CoreSpanExemplars{" + (enabled ? "on" : "off") + '}';
    }
}
