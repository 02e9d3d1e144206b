package dev.vigil.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.trace.SpanContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Continuing an extracted context on a thread and propagating the current one onwards. */
class PropagatedContextTest {
    @Test
    void anExtractedContextBecomesCurrentAndIsPropagatedOnwards() {
        Map<String, String> incoming = Map.of(
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "baggage", "tenant=acme");
        PropagatedContext extracted = MapPropagation.extract(incoming);
        assertThat(PropagatedContext.current().spanContext().isValid()).isFalse();
        Map<String, String> outgoing = new HashMap<>();
        try (Scope s = extracted.makeCurrent()) {
            assertThat(s).isNotNull();
            SpanContext current = Context.current().span();
            assertThat(current.traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(current.isRemote()).isTrue();
            MapPropagation.inject(PropagatedContext.current(), outgoing);
        }
        assertThat(outgoing).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .containsEntry("baggage", "tenant=acme");
        assertThat(Context.current().span().isValid()).isFalse();
    }
}
