package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A span made current by either side, Vigil or the raw OpenTelemetry API, parents spans of the other. */
@SuppressWarnings("try") // scopes opened for their effect
class ContextBridgeTest {
    private OtlpReceiver receiver;
    private Vigil vigil;
    private Tracer tracer;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        OtelTracing tracing = OtelTracing.builder().useGlobal(false).build();
        vigil = TestVigil.builder(receiver.endpoint()).backend(tracing).install();
        tracer = tracing.openTelemetry().getTracer("raw");
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void theSharedModeIsChosenWhenCoresContextIsUsedFirst() {
        assertThat(ContextBridge.mode).isEqualTo(ContextBridge.Mode.SHARED);
        assertThat(dev.vigil.context.ContextStorage.get()).isSameAs(dev.vigil.context.ContextStorage.threadLocal());
    }

    @Test
    void anOtelSpanMadeCurrentParentsAVigilObservationWhichParentsAnOtelSpan() throws Exception {
        Span outer = tracer.spanBuilder("otel outer").setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER).startSpan();
        try (Scope s = outer.makeCurrent()) {
            assertThat(dev.vigil.context.Context.current().span().spanIdHex()).isEqualTo(outer.getSpanContext().getSpanId());
            try (Observation o = vigil.observation("vigil middle").start()) {
                // Vigil -> OTel: the recording span of the observation, with Vigil's ids.
                Span current = Span.current();
                assertThat(current.getSpanContext().getSpanId()).isEqualTo(o.spanContext().spanIdHex());
                assertThat(current.isRecording()).isTrue();
                current.setAttribute("set.through", "otel");
                Span inner = tracer.spanBuilder("otel inner").startSpan();
                try (Scope i = inner.makeCurrent()) {
                    try (Observation leaf = vigil.observation("vigil leaf").start()) {
                        assertThat(leaf.spanContext().traceIdHex()).isEqualTo(outer.getSpanContext().getTraceId());
                    }
                } finally {
                    inner.end();
                }
                assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(o.spanContext().spanIdHex());
            }
            assertThat(Span.current()).isSameAs(outer);
        } finally {
            outer.end();
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(dev.vigil.context.Context.current().span().isValid()).isFalse();

        receiver.await(4);
        var outerSpan = receiver.named("otel outer");
        var middle = receiver.named("vigil middle");
        var inner = receiver.named("otel inner");
        var leaf = receiver.named("vigil leaf");
        assertThat(outerSpan.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(middle.getParentSpanId()).isEqualTo(outerSpan.getSpanId());
        assertThat(inner.getParentSpanId()).isEqualTo(middle.getSpanId());
        assertThat(leaf.getParentSpanId()).isEqualTo(inner.getSpanId());
        assertThat(OtlpReceiver.attributes(middle)).containsEntry("set.through", "otel");
    }

    @Test
    void anUnsampledVigilObservationIsVisibleToOtelWithoutAnSdkSpan() {
        TestVigil.close(vigil);
        OtelTracing tracing = OtelTracing.builder().useGlobal(false).build();
        vigil = TestVigil.builder(receiver.endpoint()).backend(tracing).traceSampleRatio(0).install();
        try (Observation o = vigil.observation("unsampled").start()) {
            Span current = Span.current();
            assertThat(current.getSpanContext().getSpanId()).isEqualTo(o.spanContext().spanIdHex());
            assertThat(current.getSpanContext().isSampled()).isFalse();
            assertThat(current.isRecording()).isFalse();
            Span child = tracing.openTelemetry().getTracer("raw").spanBuilder("child").startSpan();
            assertThat(child.getSpanContext().getTraceId()).isEqualTo(o.spanContext().traceIdHex());
            assertThat(child.isRecording()).isFalse(); // parent-based: follows core's decision
            child.end();
        }
    }

    @Test
    void contextsCapturedByEitherSideCarryTheSpanToAnotherThread() throws Exception {
        try (Observation o = vigil.observation("submitter").start()) {
            io.opentelemetry.context.Context captured = io.opentelemetry.context.Context.current();
            String[] seen = new String[1];
            Runnable task = () -> seen[0] = dev.vigil.context.Context.current().span().spanIdHex();
            Thread t = new Thread(captured.wrap(task));
            t.start();
            t.join();
            assertThat(seen[0]).isEqualTo(o.spanContext().spanIdHex());
        }
    }
}
