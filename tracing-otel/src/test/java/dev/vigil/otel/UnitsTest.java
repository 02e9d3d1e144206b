package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small parts: id and trace-state conversion, drop counting, configuration checks, discovery. */
class UnitsTest {

    @Test
    void spanContextsConvertBothWaysKeepingIdsFlagsRemotenessAndTraceStateOrder() {
        TraceState state = TraceState.parse("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
        SpanContext vigil = SpanContext.createFromRemoteParent(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L,
                0x00f067aa0ba902b7L, SpanContext.FLAG_SAMPLED, state);

        io.opentelemetry.api.trace.SpanContext otel = Conversions.toOtel(vigil);
        assertThat(otel.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(otel.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(otel.isRemote()).isTrue();
        assertThat(otel.isSampled()).isTrue();
        List<String> order = new ArrayList<>();
        otel.getTraceState().forEach((k, v) -> order.add(k));
        assertThat(order).containsExactly("congo", "rojo");

        assertThat(Conversions.toVigil(otel)).isEqualTo(vigil);
        assertThat(Conversions.sameIds(otel, vigil)).isTrue();
        assertThat(Conversions.sameIds(otel, SpanContext.invalid())).isFalse();
        assertThat(Conversions.sameIds(io.opentelemetry.api.trace.SpanContext.getInvalid(), SpanContext.invalid())).isTrue();
        assertThat(Conversions.toVigil(io.opentelemetry.api.trace.SpanContext.getInvalid()).isValid()).isFalse();
    }

    @Test
    void dropsAreReportedInChunksAndFlushedOnExportOrClose() {
        List<String> reported = new ArrayList<>();
        DropCounting drops = new DropCounting((reason, n) -> reported.add(reason + "=" + n));
        LongCounter processed = drops.get("io.opentelemetry.sdk.trace")
                .counterBuilder("otel.sdk.processor.span.processed").build();
        Attributes queueFull = Attributes.of(AttributeKey.stringKey("error.type"), "queue_full");
        Attributes ok = Attributes.of(AttributeKey.stringKey("otel.component.type"), "batching_span_processor");
        for (int i = 0; i < DropCounting.CHUNK + 10; i++) {
            processed.add(1, queueFull);
        }
        assertThat(reported).containsExactly("queue_full=" + DropCounting.CHUNK);
        processed.add(512, ok); // an export: what is pending is reported
        assertThat(reported).containsExactly("queue_full=" + DropCounting.CHUNK, "queue_full=10");
        processed.add(3, Attributes.of(AttributeKey.stringKey("error.type"), "already_shutdown"));
        drops.flush();
        assertThat(reported).endsWith("already_shutdown=3");
        drops.flush();
        assertThat(reported).hasSize(3);
    }

    @Test
    void theEndpointDefaultsAndJoinsAsOpenTelemetrysDo() {
        dev.vigil.context.Context.current();
        Vigil.resetGlobalForTest();
        assertThat(OtelSdkFactory.tracesEndpoint(Vigil.builder().discoverBackends(false).build().config()))
                .isEqualTo("http://localhost:4318/v1/traces");
        assertThat(OtelSdkFactory.tracesEndpoint(Vigil.builder().discoverBackends(false)
                .property("otel.exporter.otlp.endpoint", "http://collector:4318/").build().config()))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(OtelSdkFactory.tracesEndpoint(Vigil.builder().discoverBackends(false)
                .property("otel.exporter.otlp.endpoint", "http://collector:4318")
                .property("otel.exporter.otlp.traces.endpoint", "http://traces:9999/custom").build().config()))
                .isEqualTo("http://traces:9999/custom");
    }

    @Test
    void invalidExportSettingsFailInstallNamingTheKey() {
        Vigil.resetGlobalForTest();
        assertThatThrownBy(() -> TestVigil.builder("http://127.0.0.1:1").property("otel.bsp.max.queue.size", "lots").install())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("otel.bsp.max.queue.size");
        assertThatThrownBy(() -> TestVigil.builder("http://127.0.0.1:1").property("otel.bsp.max.export.batch.size", "4096").install())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> TestVigil.builder("http://127.0.0.1:1").property("otel.exporter.otlp.protocol", "grpc").install())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http/protobuf");
        assertThat(Vigil.global().isNoop()).isTrue();
    }

    @Test
    void theProviderIsDiscoveredAndCanBeTurnedOff() throws Exception {
        dev.vigil.context.Context.current();
        Vigil.resetGlobalForTest();
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Vigil vigil = Vigil.builder().property("otel.exporter.otlp.endpoint", receiver.endpoint()).build();
            try {
                assertThat(vigil.backendNames()).contains("otel");
                vigil.observation("discovered").start().close();
            } finally {
                vigil.close();
            }
            assertThat(receiver.names()).containsExactly("discovered");
        }
        Vigil off = Vigil.builder().property("vigil.otel.enabled", "false").build();
        assertThat(off.backendNames()).doesNotContain("otel");
        off.close();
    }
}
