package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** With the application's own OpenTelemetry, its ids win and core adopts them; Vigil never shuts it down. */
@SuppressWarnings("try") // observations opened for their effect
class ForeignOpenTelemetryTest {
    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private volatile boolean shutDown;

    private final SpanExporter exporter = new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            shutDown = true;
            return CompletableResultCode.ofSuccess();
        }
    };

    @Test
    void theUsersSdkAssignsTheIdsAndCoreMakesThemCurrent() {
        OpenTelemetrySdk users = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
        dev.vigil.context.Context.current();
        Vigil.resetGlobalForTest();
        Vigil vigil = Vigil.builder().discoverBackends(false).backend(OtelTracing.of(users)).install();
        try {
            try (Observation o = vigil.observation("outer").kind(SpanKind.SERVER).start()) {
                try (Observation inner = vigil.observation("inner").start()) {
                    assertThat(dev.vigil.context.Context.current().span()).isEqualTo(inner.spanContext());
                }
            }
            assertThat(exported).hasSize(2);
            SpanData inner = exported.get(0);
            SpanData outer = exported.get(1);
            assertThat(inner.getParentSpanId()).isEqualTo(outer.getSpanId());
            assertThat(inner.getTraceId()).isEqualTo(outer.getTraceId());
            assertThat(outer.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.SERVER);
        } finally {
            vigil.close();
            Vigil.resetGlobalForTest();
        }
        assertThat(shutDown).isFalse();
        users.getSdkTracerProvider().shutdown().join(1, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(shutDown).isTrue();
    }
}
