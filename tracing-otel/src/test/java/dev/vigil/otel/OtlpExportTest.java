package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Observations and traced KPIs reach a real OTLP/HTTP receiver with core's ids, kinds, attributes and errors. */
class OtlpExportTest {
    private OtlpReceiver receiver;
    private Vigil vigil;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).install();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void serverAndClientObservationsExportWithCoreIdsKindsAttributesAndParents() throws Exception {
        dev.vigil.trace.SpanContext server;
        dev.vigil.trace.SpanContext client;
        try (Observation o = vigil.observation("GET /orders/{id}").kind(SpanKind.SERVER)
                .tag("http.request.method", "GET").attribute("url.path", "/orders/42").start()) {
            server = o.spanContext();
            try (Observation c = vigil.observation("GET").kind(SpanKind.CLIENT).tag("server.address", "stock").start()) {
                client = c.spanContext();
                c.attribute("http.response.status_code", "200");
            }
        }
        receiver.await(2);

        Span s = receiver.named("GET /orders/{id}");
        Span c = receiver.named("GET");
        assertThat(s.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(c.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(s.getTraceId().size()).isEqualTo(16);
        assertThat(s.getSpanId().size()).isEqualTo(8);
        assertThat(OtlpReceiver.hex(s.getTraceId())).isEqualTo(server.traceIdHex()).isNotEqualTo("0".repeat(32));
        assertThat(OtlpReceiver.hex(s.getSpanId())).isEqualTo(server.spanIdHex()).isNotEqualTo("0".repeat(16));
        assertThat(s.getParentSpanId().isEmpty()).isTrue();
        assertThat(OtlpReceiver.hex(c.getSpanId())).isEqualTo(client.spanIdHex());
        assertThat(c.getTraceId()).isEqualTo(s.getTraceId());
        assertThat(c.getParentSpanId()).isEqualTo(s.getSpanId());
        assertThat(OtlpReceiver.attributes(s)).containsEntry("http.request.method", "GET").containsEntry("url.path", "/orders/42");
        assertThat(OtlpReceiver.attributes(c)).containsEntry("server.address", "stock")
                .containsEntry("http.response.status_code", "200");
        assertThat(s.getEndTimeUnixNano()).isGreaterThanOrEqualTo(c.getEndTimeUnixNano());
        assertThat(c.getStartTimeUnixNano()).isGreaterThanOrEqualTo(s.getStartTimeUnixNano()).isPositive();
        assertThat(s.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
        assertThat(receiver.contentTypes).allMatch(t -> t.startsWith("application/x-protobuf"));
    }

    @Test
    void theResourceNamesTheServiceVersionAndEnvironment() throws Exception {
        try (Observation o = vigil.observation("work").start()) {
            assertThat(o.spanContext().isSampled()).isTrue();
        }
        receiver.await(1);
        assertThat(receiver.resource)
                .containsEntry("service.name", "checkout")
                .containsEntry("service.version", "1.4.2")
                .containsEntry("deployment.environment.name", "test")
                .containsEntry("telemetry.sdk.language", "java")
                .containsKey("telemetry.sdk.version");
    }

    @Test
    void aFailedObservationHasStatusErrorErrorTypeAndExactlyOneExceptionEvent() throws Exception {
        try (Observation o = vigil.observation("charge").kind(SpanKind.CLIENT).start()) {
            o.error(new IllegalStateException("card declined"));
        }
        Span span = receiver.await(1).get(0);
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getStatus().getMessage()).isEqualTo("card declined");
        assertThat(OtlpReceiver.attributes(span)).containsEntry("error.type", "java.lang.IllegalStateException");
        assertThat(span.getEventsList()).hasSize(1);
        Map<String, String> event = span.getEvents(0).getAttributesList().stream()
                .collect(java.util.stream.Collectors.toMap(kv -> kv.getKey(), kv -> kv.getValue().getStringValue()));
        assertThat(span.getEvents(0).getName()).isEqualTo("exception");
        assertThat(event).containsEntry("exception.type", "java.lang.IllegalStateException")
                .containsEntry("exception.message", "card declined");
        assertThat(event.get("exception.stacktrace")).contains("OtlpExportTest");
    }

    @Test
    void aTracedKpiTimeMakesASpan() throws Exception {
        String result = vigil.kpi("invoice.render").tag("format", "pdf").traced().time(() -> "done");
        assertThat(result).isEqualTo("done");
        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("invoice.render");
        assertThat(OtlpReceiver.attributes(span)).containsEntry("format", "pdf");
    }

    @Test
    void closeFlushesSpansRecordedJustBefore() throws Exception {
        TestVigil.close(vigil);
        vigil = TestVigil.builder(receiver.endpoint()).property("otel.bsp.schedule.delay", "600000").install();
        for (int i = 0; i < 25; i++) {
            try (Observation o = vigil.observation("late-" + i).start()) {
                assertThat(o.spanContext().isValid()).isTrue();
            }
        }
        long closing = System.nanoTime();
        vigil.close();
        assertThat(receiver.spans).hasSize(25);
        // Still queued until close, as the schedule delay is ten minutes: no request arrived before close began.
        assertThat(receiver.requestTimes).isNotEmpty().allMatch(t -> t - closing >= 0);
    }
}
