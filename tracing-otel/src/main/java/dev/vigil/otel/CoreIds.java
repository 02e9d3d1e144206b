package dev.vigil.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Makes an SDK that Vigil built use core's ids and core's sampling decision. The handler puts the span context core
 * assigned in {@link ThreadState#next} just before {@code startSpan()} and clears it right after; the SDK asks the
 * {@link Ids id generator} and the {@link Decision sampler} during that call, on that thread, so both simply read it.
 * Spans started with the raw OpenTelemetry API on the same SDK find no ids there and get random ids and a sampler
 * configured exactly as core's ({@code TraceIdRatioBased}, the same ratio, parent-based or not).
 */
final class CoreIds {
    private CoreIds() {
    }

    /** Core's span and trace ids while the handler starts a span; random ids otherwise. */
    static final class Ids implements IdGenerator {
        private final IdGenerator random = IdGenerator.random();

        @Override
        public String generateSpanId() {
            ThreadState ts = ThreadState.get();
            // OpenTelemetry's encoder, not core's cached hex: it allocates less, and the SDK needs a String anyway.
            return ts.hasNext ? ts.hex(ts.nextSpanId) : random.generateSpanId();
        }

        @Override
        public String generateTraceId() {
            ThreadState ts = ThreadState.get();
            return ts.hasNext ? ts.hex(ts.nextTraceIdHigh, ts.nextTraceIdLow) : random.generateTraceId();
        }

        @Override
        public boolean generatesRandomTraceIds() {
            return true; // core's ids are 128 random bits, as the random generator's
        }

        @Override
        public String toString() {
            return "VigilCoreIds";
        }
    }

    /** Core's decision while the handler starts a span (so the SDK and core never disagree); the fallback otherwise. */
    static final class Decision implements Sampler {
        private final Sampler fallback;

        Decision(Sampler fallback) {
            this.fallback = fallback;
        }

        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                           Attributes attributes, List<LinkData> parentLinks) {
            ThreadState ts = ThreadState.get();
            if (ts.hasNext) {
                return ts.nextSampled ? SamplingResult.recordAndSample() : SamplingResult.drop();
            }
            return fallback.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
        }

        @Override
        public String getDescription() {
            return "VigilCoreDecision{fallback=" + fallback.getDescription() + '}';
        }
    }
}
