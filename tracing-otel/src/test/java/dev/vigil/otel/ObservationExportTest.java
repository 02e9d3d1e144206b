package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observation API as a real OTLP receiver sees it: typed attributes, late tags, events, errorType, detached. */
@SuppressWarnings("try") // scopes opened for their effect
class ObservationExportTest {
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
    void typedAttributesLateTagsAnEventAndAnErrorTypeWithoutException() throws Exception {
        long before = System.currentTimeMillis() * 1_000_000L;
        Observation o = vigil.observation("GET /orders/{id}")
                .kind(SpanKind.SERVER)
                .timer("http.server.request.duration")
                .tag("http.request.method", "GET")
                .attribute("server.port", 8080L)
                .start();
        o.tag("http.response.status_code", "503");
        o.attribute("http.response.body.size", 512L);
        o.attribute("sampled.ratio", 0.25).attribute("cache.hit", false);
        o.errorType("503");
        o.event("gen_ai.first_chunk");
        o.close();

        Span span = receiver.await(1).get(0);
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(OtlpReceiver.typedAttributes(span))
                .containsEntry("server.port", 8080L)
                .containsEntry("http.response.body.size", 512L)
                .containsEntry("sampled.ratio", 0.25)
                .containsEntry("cache.hit", false)
                .containsEntry("http.request.method", "GET")
                .containsEntry("http.response.status_code", "503")
                .containsEntry("error.type", "503");
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getEventsList()).hasSize(1);
        assertThat(span.getEvents(0).getName()).isEqualTo("gen_ai.first_chunk");
        assertThat(span.getEvents(0).getTimeUnixNano())
                .isBetween(span.getStartTimeUnixNano(), span.getEndTimeUnixNano())
                .isGreaterThanOrEqualTo(before);
    }

    @Test
    void aDetachedObservationClosedOnAnotherThreadIsExportedWithItsParent() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        dev.vigil.trace.SpanContext parentIds;
        dev.vigil.trace.SpanContext childIds;
        String[] inHandle = new String[1];
        try (Observation parent = vigil.observation("poll").kind(SpanKind.CONSUMER).start()) {
            parentIds = parent.spanContext();
            Observation a = vigil.observation("orders process").kind(SpanKind.CONSUMER).startDetached();
            childIds = a.spanContext();
            assertThat(Context.current().span()).isEqualTo(parentIds); // started, not current
            executor.submit(() -> {
                try (Scope s = a.makeCurrent()) {
                    inHandle[0] = io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId();
                }
            }).get(10, TimeUnit.SECONDS);
            executor.execute(a::close);
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        receiver.await(2);
        Span child = receiver.named("orders process");
        Span parent = receiver.named("poll");
        assertThat(OtlpReceiver.hex(child.getSpanId())).isEqualTo(childIds.spanIdHex());
        assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
        assertThat(OtlpReceiver.hex(parent.getSpanId())).isEqualTo(parentIds.spanIdHex());
        assertThat(inHandle[0]).isEqualTo(childIds.spanIdHex()); // the recording span was current in its scope
        assertThat(child.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    }
}
