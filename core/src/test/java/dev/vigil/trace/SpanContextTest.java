package dev.vigil.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanContextTest {

    @Test
    void hexFormsArePaddedLowercaseAndCached() {
        SpanContext c = SpanContext.create(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L,
                SpanContext.FLAG_SAMPLED, null);
        assertThat(c.traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(c.spanIdHex()).isEqualTo("00f067aa0ba902b7");
        assertThat(c.traceIdHex()).isSameAs(c.traceIdHex());
        assertThat(c.spanIdHex()).isSameAs(c.spanIdHex());
        assertThat(SpanContext.create(0, 1, -1L, (byte) 0, null).traceIdHex())
                .isEqualTo("00000000000000000000000000000001");
        assertThat(SpanContext.create(0, 1, -1L, (byte) 0, null).spanIdHex()).isEqualTo("ffffffffffffffff");
    }

    @Test
    void validityFlagsAndRemoteness() {
        SpanContext local = SpanContext.create(1, 2, 3, SpanContext.FLAG_SAMPLED, TraceState.empty());
        SpanContext remote = SpanContext.createFromRemoteParent(1, 2, 3, (byte) 0, null);
        assertThat(local.isValid()).isTrue();
        assertThat(local.isSampled()).isTrue();
        assertThat(local.isRemote()).isFalse();
        assertThat(remote.isRemote()).isTrue();
        assertThat(remote.isSampled()).isFalse();
        assertThat(remote.traceState()).isSameAs(TraceState.empty());
        assertThat(SpanContext.create(1, 0, 3, (byte) 0, null).isValid()).as("high half alone is enough").isTrue();
    }

    @Test
    void zeroIdsGiveTheInvalidContextNeverAPartialOne() {
        assertThat(SpanContext.create(0, 0, 3, (byte) 1, TraceState.empty().put("a", "b")))
                .isSameAs(SpanContext.invalid());
        assertThat(SpanContext.createFromRemoteParent(1, 2, 0, (byte) 1, null)).isSameAs(SpanContext.invalid());
        SpanContext invalid = SpanContext.invalid();
        assertThat(invalid.isValid()).isFalse();
        assertThat(invalid.traceIdHex()).isEqualTo("0".repeat(32));
        assertThat(invalid.spanIdHex()).isEqualTo("0".repeat(16));
        assertThat(invalid.withTraceState(TraceState.empty().put("a", "b"))).isSameAs(invalid);
    }

    @Test
    void valueSemantics() {
        TraceState state = TraceState.empty().put("k", "v");
        SpanContext a = SpanContext.create(1, 2, 3, (byte) 1, state);
        SpanContext b = SpanContext.create(1, 2, 3, (byte) 1, TraceState.parse("k=v"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(SpanContext.createFromRemoteParent(1, 2, 3, (byte) 1, state));
        assertThat(a).isNotEqualTo(SpanContext.create(1, 2, 4, (byte) 1, state));
        assertThat(a.withTraceState(null).traceState()).isSameAs(TraceState.empty());
        assertThat(a.toString()).contains(a.traceIdHex(), a.spanIdHex(), "k=v");
    }
}
