package dev.vigil.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapPropagationTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    @Test
    void injectThenExtractRoundTrips() {
        SpanContext span = SpanContext.create(7, 8, 9, SpanContext.FLAG_SAMPLED, TraceState.parse("v=1"));
        PropagatedContext sent = PropagatedContext.of(span, Baggage.empty().put("tenant", "acme corp"));
        Map<String, String> headers = new LinkedHashMap<>();
        MapPropagation.inject(sent, headers);
        assertThat(headers).containsOnlyKeys("traceparent", "tracestate", "baggage");
        assertThat(headers.get("baggage")).isEqualTo("tenant=acme%20corp");

        PropagatedContext received = MapPropagation.extract(headers);
        assertThat(received.baggage()).isEqualTo(sent.baggage());
        assertThat(received.spanContext().traceIdHex()).isEqualTo(span.traceIdHex());
        assertThat(received.spanContext().spanId()).isEqualTo(9);
        assertThat(received.spanContext().traceState()).isEqualTo(span.traceState());
        assertThat(received.spanContext().isRemote()).isTrue();
    }

    @Test
    void namesAreMatchedCaseInsensitivelyWhenNoExactMatch() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("TraceParent", TRACEPARENT);
        headers.put("TRACESTATE", "a=1");
        assertThat(MapPropagation.extract(headers).spanContext().traceState().get("a")).isEqualTo("1");
        assertThat(MapPropagation.getter().get(headers, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(MapPropagation.getter().keys(headers)).containsExactly("TraceParent", "TRACESTATE");
    }

    @Test
    void differentlyCasedCopiesCountAsRepeatedUnlessAnExactNameExists() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("TraceParent", TRACEPARENT);
        headers.put("TRACEPARENT", TRACEPARENT.replace("4bf9", "1111"));
        assertThat(MapPropagation.extract(headers).spanContext().isValid()).isFalse();
        headers.put("traceparent", TRACEPARENT);
        assertThat(MapPropagation.extract(headers).spanContext().traceIdHex()).startsWith("4bf9");
    }

    @Test
    void missingOrNullCarrierYieldsEmpty() {
        assertThat(MapPropagation.extract(Map.of())).isEqualTo(PropagatedContext.empty());
        assertThat(MapPropagation.extract(null)).isEqualTo(PropagatedContext.empty());
        Map<String, String> out = new LinkedHashMap<>();
        MapPropagation.inject(PropagatedContext.empty(), out);
        MapPropagation.inject(null, out);
        assertThat(out).isEmpty();
    }
}
