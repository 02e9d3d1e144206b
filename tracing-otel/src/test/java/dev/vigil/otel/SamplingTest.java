package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.testing.OtlpReceiver;
import dev.vigil.trace.SpanContext;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK exports exactly what core sampled: ratio, sampler name from configuration, and a remote parent's flag. */
@SuppressWarnings("try") // scopes opened for their effect
class SamplingTest {
    private OtlpReceiver receiver;
    private Vigil vigil;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void aTenPercentRatioExportsExactlyTheObservationsCoreSampled() throws Exception {
        vigil = TestVigil.builder(receiver.endpoint()).traceSampleRatio(0.1).install();
        Set<String> sampled = new HashSet<>();
        int unsampled = 0;
        for (int i = 0; i < 1000; i++) {
            try (Observation o = vigil.observation("op").start()) {
                if (o.spanContext().isSampled()) {
                    sampled.add(o.spanContext().spanIdHex());
                } else {
                    unsampled++;
                }
            }
        }
        vigil.close();
        assertThat(sampled.size()).isBetween(40, 180);
        assertThat(unsampled).isEqualTo(1000 - sampled.size());
        assertThat(receiver.spans.stream().map(s -> OtlpReceiver.hex(s.getSpanId())).collect(Collectors.toSet()))
                .isEqualTo(sampled);
    }

    @Test
    void alwaysOffFromConfigurationExportsNothingButStillAssignsIds() throws Exception {
        vigil = TestVigil.builder(receiver.endpoint()).property("otel.traces.sampler", "always_off").install();
        try (Observation o = vigil.observation("op").start()) {
            assertThat(o.spanContext().isValid()).isTrue();
            assertThat(o.spanContext().isSampled()).isFalse();
            assertThat(Context.current().span()).isSameAs(o.spanContext());
            assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId())
                    .isEqualTo(o.spanContext().spanIdHex());
        }
        vigil.close();
        assertThat(receiver.spans).isEmpty();
    }

    @Test
    void aRemoteParentsFlagIsFollowedAndItsRemoteFlagKept() throws Exception {
        vigil = TestVigil.builder(receiver.endpoint()).traceSampleRatio(0.0).install();
        SpanContext sampledParent = SpanContext.createFromRemoteParent(0x0af7651916cd43ddL, 0x8448eb211c80319cL,
                0xb7ad6b7169203331L, SpanContext.FLAG_SAMPLED, null);
        SpanContext unsampledParent = SpanContext.createFromRemoteParent(0x1af7651916cd43ddL, 0x8448eb211c80319cL,
                0xc7ad6b7169203331L, (byte) 0, null);
        try (Scope s = Context.current().withSpan(sampledParent).makeCurrent();
             Observation o = vigil.observation("followed").start()) {
            assertThat(o.spanContext().isSampled()).isTrue();
        }
        try (Scope s = Context.current().withSpan(unsampledParent).makeCurrent();
             Observation o = vigil.observation("not followed").start()) {
            assertThat(o.spanContext().isSampled()).isFalse();
        }
        vigil.close();
        assertThat(receiver.names()).containsExactly("followed");
        io.opentelemetry.proto.trace.v1.Span span = receiver.spans.get(0);
        assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo(sampledParent.traceIdHex());
        assertThat(OtlpReceiver.hex(span.getParentSpanId())).isEqualTo(sampledParent.spanIdHex());
        // OTLP span flags: bit 8 says the remote bit is known, bit 9 that the parent is remote.
        assertThat(span.getFlags() & 0x300).isEqualTo(0x300);
    }
}
