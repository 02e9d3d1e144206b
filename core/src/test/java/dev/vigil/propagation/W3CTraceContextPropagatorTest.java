package dev.vigil.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class W3CTraceContextPropagatorTest {

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static SpanContext extract(String... nameValues) {
        return PROPAGATOR.extract(W3cHarness.headers(nameValues), W3cHarness.GETTER);
    }

    private static Map<String, String> inject(SpanContext context) {
        Map<String, String> out = new HashMap<>();
        PROPAGATOR.inject(context, out, MapPropagation.setter());
        return out;
    }

    @Test
    void extractsIdsFlagsAndStateAsARemoteParent() {
        SpanContext c = extract("traceparent", TRACEPARENT, "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(c.isValid()).isTrue();
        assertThat(c.isRemote()).isTrue();
        assertThat(c.isSampled()).isTrue();
        assertThat(c.traceIdHigh()).isEqualTo(0x4bf92f3577b34da6L);
        assertThat(c.traceIdLow()).isEqualTo(0xa3ce929d0e0e4736L);
        assertThat(c.spanId()).isEqualTo(0x00f067aa0ba902b7L);
        assertThat(c.traceState().get("congo")).isEqualTo("t61rcWkgMzE");
    }

    @Test
    void roundTripIsExact() {
        Map<String, String> out = inject(extract("traceparent", TRACEPARENT, "tracestate", "a=1,b=2"));
        assertThat(out).containsOnly(Map.entry("traceparent", TRACEPARENT), Map.entry("tracestate", "a=1,b=2"));
        SpanContext high = SpanContext.create(-1L, -1L, -1L, (byte) 3, null);
        String expected = "00-" + "f".repeat(32) + "-" + "f".repeat(16) + "-03";
        assertThat(inject(high)).containsOnly(Map.entry("traceparent", expected));
    }

    @Test
    void unknownFlagBitsAreNeverPropagated() {
        assertThat(extract("traceparent", TRACEPARENT.replace("-01", "-ff")).traceFlags()).isEqualTo((byte) 3);
        assertThat(inject(SpanContext.create(1, 2, 3, (byte) 0xfd, null)).get("traceparent")).endsWith("-01");
    }

    @Test
    void higherVersionsUseTheVersion00Fields() {
        SpanContext c = extract("traceparent", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-extra");
        assertThat(c.traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(c.traceFlags()).isEqualTo((byte) 1);
        assertThat(inject(c).get("traceparent")).startsWith("00-");
    }

    @Test
    void rejectsUppercaseSeparatorsAndNonAscii() {
        for (String bad : new String[] {TRACEPARENT.toUpperCase(), TRACEPARENT.replace('-', '_'),
                TRACEPARENT.replace('a', '\u0661'), TRACEPARENT.substring(0, 54), "", " ".repeat(60),
                TRACEPARENT + "," + TRACEPARENT, TRACEPARENT + ", " + TRACEPARENT,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\u00e1"}) {
            assertThat(extract("traceparent", bad, "tracestate", "a=1")).as(bad).isSameAs(SpanContext.invalid());
        }
    }

    @Test
    void rejectsANonHexCharacterInEveryIdPosition() {
        // Characters whose low byte is a hex digit (U+0130, U+0161), Latin-1 above ASCII, and ASCII neighbours of the
        // hex ranges: ids are validated eight digits at a time, so every position of every group must be checked.
        char[] bad = {'\u0130', '\u0161', '\u00b0', '\u00e1', '/', ':', '`', 'g', 'A', 'F', ' ', '-'};
        for (int pos = 3; pos < 52; pos++) {
            if (pos == 35) {
                continue; // the separator between trace id and parent id
            }
            for (char c : bad) {
                char[] value = TRACEPARENT.toCharArray();
                value[pos] = c;
                String header = new String(value);
                assertThat(extract("traceparent", header)).as(header).isSameAs(SpanContext.invalid());
                assertThat(extract("traceparent", " " + header + "\t")).as(header).isSameAs(SpanContext.invalid());
            }
        }
    }

    @Test
    void readsIdsOfAnyDigitsAndAfterOptionalWhitespaceOrInALongerHigherVersion() {
        String ids = "0123456789abcdeffedcba9876543210-a0b1c2d3e4f5a6b7";
        SpanContext expected = SpanContext.createFromRemoteParent(
                0x0123456789abcdefL, 0xfedcba9876543210L, 0xa0b1c2d3e4f5a6b7L, (byte) 1, TraceState.empty());
        assertThat(extract("traceparent", "00-" + ids + "-01")).isEqualTo(expected);
        assertThat(extract("traceparent", " \t00-" + ids + "-01 ")).isEqualTo(expected);
        assertThat(extract("traceparent", "01-" + ids + "-01-" + "x".repeat(10_000))).isEqualTo(expected);
    }

    @Test
    void invalidOrEmptyContextsInjectNothing() {
        assertThat(inject(SpanContext.invalid())).isEmpty();
        assertThat(inject(null)).isEmpty();
        assertThat(inject(SpanContext.create(1, 2, 3, (byte) 0, TraceState.empty()))).containsOnlyKeys("traceparent");
    }

    @Test
    void extractNeverThrowsEvenWithABrokenGetter() {
        TextMapGetter<Object> broken = new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Object carrier) {
                throw new IllegalStateException();
            }

            @Override
            public String get(Object carrier, String key) {
                throw new IllegalStateException();
            }
        };
        TextMapGetter<Object> nulls = new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Object carrier) {
                return List.of();
            }

            @Override
            public String get(Object carrier, String key) {
                return null;
            }

            @Override
            public List<String> getAll(Object carrier, String key) {
                return java.util.Collections.singletonList(null);
            }
        };
        assertThat(PROPAGATOR.extract(new Object(), broken)).isSameAs(SpanContext.invalid());
        assertThat(PROPAGATOR.extract(new Object(), nulls)).isSameAs(SpanContext.invalid());
        assertThat(PROPAGATOR.extract(null, nulls)).isSameAs(SpanContext.invalid());
        assertThat(PROPAGATOR.fields()).containsExactly("traceparent", "tracestate");
    }

    @Test
    void propagationCombinesTraceContextAndBaggage() {
        Map<String, String> carrier = new HashMap<>();
        carrier.put("traceparent", TRACEPARENT);
        carrier.put("baggage", "user=alice");
        PropagatedContext ctx = Propagation.w3c().extract(carrier, MapPropagation.getter());
        assertThat(ctx.spanContext().traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(ctx.baggage().get("user")).isEqualTo("alice");
        Map<String, String> out = new HashMap<>();
        Propagation.w3c().inject(ctx, out, MapPropagation.setter());
        assertThat(out).isEqualTo(carrier);
        assertThat(Propagation.w3c().fields()).containsExactly("traceparent", "tracestate", "baggage");
        assertThat(new PropagatedContext(null, null)).isEqualTo(PropagatedContext.empty());
    }
}
