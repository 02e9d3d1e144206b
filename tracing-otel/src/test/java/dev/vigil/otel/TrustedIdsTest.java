package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;

/**
 * The SDK Vigil builds takes its generator's ids without re-checking them. Shown with a generator that returns text
 * the check would refuse: only a provider that skips the check keeps it.
 */
class TrustedIdsTest {
    /** Not hex: the SDK's check turns a span with these ids into an invalid one. */
    private static final IdGenerator NOT_HEX = new IdGenerator() {
        @Override
        public String generateSpanId() {
            return "zzzzzzzzzzzzzzzz";
        }

        @Override
        public String generateTraceId() {
            return "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
        }
    };

    /** A provider without a span processor hands out no-op tracers: this one records and forgets. */
    private static final SpanProcessor RECORDING = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    };

    private static SdkTracerProvider provider(IdGenerator ids) {
        return SdkTracerProvider.builder().setIdGenerator(ids).addSpanProcessor(RECORDING).build();
    }

    @Test
    void theSdkVersionInUseSkipsTheCheckOnceTrusted() {
        try (SdkTracerProvider checked = provider(NOT_HEX); SdkTracerProvider trusted = provider(NOT_HEX)) {
            assertThat(TrustedIds.trust(trusted)).as("SDK internals changed: revisit TrustedIds").isTrue();

            Span a = checked.get("test").spanBuilder("a").startSpan();
            Span b = trusted.get("test").spanBuilder("b").startSpan();
            assertThat(a.getSpanContext().isValid()).isFalse();
            assertThat(b.getSpanContext().getSpanId()).isEqualTo("zzzzzzzzzzzzzzzz");
            a.end();
            b.end();
        }
    }

    @Test
    void coreIdsAreWhatTheSpanCarries() {
        CoreIds.Ids ids = new CoreIds.Ids();
        try (SdkTracerProvider p = provider(ids)) {
            assertThat(TrustedIds.trust(p)).isTrue();
            dev.vigil.trace.SpanContext core = dev.vigil.trace.SpanContext.create(0x0af7651916cd43ddL,
                    0x8448eb211c80319cL, 0xb7ad6b7169203331L, dev.vigil.trace.SpanContext.FLAG_SAMPLED, null);
            ThreadState ts = ThreadState.get();
            ts.expect(core);
            Span span;
            try {
                span = p.get("test").spanBuilder("s").setNoParent().startSpan();
            } finally {
                ts.hasNext = false;
            }
            assertThat(span.getSpanContext().getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(span.getSpanContext().getSpanId()).isEqualTo("b7ad6b7169203331");
            span.end();
        }
    }
}
