package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fallback bridge, in a JVM of its own (surefire execution {@code fallback-bridge}): OpenTelemetry's context is
 * used before core's, so its storage can no longer be wrapped, as when the Java agent owns it.
 */
@SuppressWarnings("try") // scopes opened for their effect
class FallbackBridgeTest {
    private static OtlpReceiver receiver;
    private static Vigil vigil;
    private static Tracer tracer;

    @BeforeAll
    static void start() throws Exception {
        io.opentelemetry.context.Context.current(); // OpenTelemetry's storage is chosen first
        receiver = new OtlpReceiver();
        Vigil.resetGlobalForTest();
        OtelTracing tracing = OtelTracing.builder().useGlobal(false).build();
        vigil = Vigil.builder().discoverBackends(false).serviceName("fallback")
                .property("otel.exporter.otlp.endpoint", receiver.endpoint())
                .property("otel.bsp.schedule.delay", "20")
                .backend(tracing).install();
        tracer = tracing.openTelemetry().getTracer("raw");
    }

    @AfterAll
    static void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void theFallbackModeIsChosen() {
        dev.vigil.context.Context.current(); // core's storage, and so the mode, is chosen on first use
        assertThat(ContextBridge.mode).isEqualTo(ContextBridge.Mode.FALLBACK);
        assertThat(dev.vigil.context.ContextStorage.get().toString()).contains("OtelFallbackBridge");
    }

    @Test
    void spansMadeCurrentByEitherSideStillParentTheOther() throws Exception {
        Span outer = tracer.spanBuilder("otel outer").startSpan();
        try (Scope s = outer.makeCurrent()) {
            try (Observation o = vigil.observation("vigil middle").start()) {
                assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(o.spanContext().spanIdHex());
                Span inner = tracer.spanBuilder("otel inner").startSpan();
                try (Scope i = inner.makeCurrent()) {
                    try (Observation leaf = vigil.observation("vigil leaf").start()) {
                        assertThat(leaf.spanContext().isSampled()).isTrue();
                    }
                } finally {
                    inner.end();
                }
                assertThat(dev.vigil.context.Context.current().span()).isSameAs(o.spanContext());
            }
            assertThat(dev.vigil.context.Context.current().span().spanIdHex()).isEqualTo(outer.getSpanContext().getSpanId());
        } finally {
            outer.end();
        }
        assertThat(dev.vigil.context.Context.current().span().isValid()).isFalse();
        receiver.await(4);
        assertThat(receiver.named("vigil middle").getParentSpanId()).isEqualTo(receiver.named("otel outer").getSpanId());
        assertThat(receiver.named("otel inner").getParentSpanId()).isEqualTo(receiver.named("vigil middle").getSpanId());
        assertThat(receiver.named("vigil leaf").getParentSpanId()).isEqualTo(receiver.named("otel inner").getSpanId());
    }
}
