package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import org.junit.jupiter.api.Test;

/**
 * The ids Vigil's generator hands to the SDK are exactly the text OpenTelemetry's own encoder writes for the same
 * numbers: the SDK trusts them unchecked, so a wrong digit would be exported as is.
 */
class CoreIdsTest {
    private static final long[] VALUES = {
        1L, 0xfL, 0x10L, 0x00f0_0000_0000_0a0bL, 0x0123_4567_89ab_cdefL, 0xfedc_ba98_7654_3210L, Long.MAX_VALUE,
        Long.MIN_VALUE, -1L,
    };

    @Test
    void spanIdsAreOpenTelemetrysEncoding() {
        ThreadState ts = new ThreadState();
        for (long v : VALUES) {
            assertThat(ts.hex(v)).isEqualTo(SpanId.fromLong(v));
        }
    }

    @Test
    void traceIdsAreOpenTelemetrysEncoding() {
        ThreadState ts = new ThreadState();
        for (long hi : VALUES) {
            for (long lo : VALUES) {
                assertThat(ts.hex(hi, lo)).isEqualTo(TraceId.fromLongs(hi, lo));
            }
        }
    }

    @Test
    void theGeneratorReadsTheIdsCoreAssignedOnlyWhileASpanStarts() {
        CoreIds.Ids ids = new CoreIds.Ids();
        ThreadState ts = ThreadState.get();
        ts.expect(dev.vigil.trace.SpanContext.create(0x0aL, 0x0bL, 0x0cL, dev.vigil.trace.SpanContext.FLAG_SAMPLED,
                dev.vigil.trace.TraceState.empty()));
        try {
            assertThat(ids.generateSpanId()).isEqualTo("000000000000000c");
            assertThat(ids.generateTraceId()).isEqualTo("000000000000000a000000000000000b");
        } finally {
            ts.hasNext = false;
        }
        assertThat(ids.generateSpanId()).isNotEqualTo("000000000000000c").hasSize(16);
    }
}
