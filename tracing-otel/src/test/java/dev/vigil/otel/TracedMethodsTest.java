package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** @Traced methods, instrumented at build time, export spans through the installed Vigil. */
class TracedMethodsTest {
    private OtlpReceiver receiver;
    private CountingMetrics metrics;
    private Vigil vigil;
    private final TracedService service = new TracedService();

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        metrics = new CountingMetrics();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(metrics).install();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void aTracedMethodCallingAnUntracedOneCallingATracedOneMakesAChainOfParents() throws Exception {
        assertThat(service.handle("acme")).isEqualTo("stock for acme");
        receiver.await(2);
        Span handle = receiver.named("TracedService.handle");
        Span lookup = receiver.named("inventory lookup");
        assertThat(handle.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(lookup.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
        assertThat(lookup.getParentSpanId()).isEqualTo(handle.getSpanId());
        assertThat(lookup.getTraceId()).isEqualTo(handle.getTraceId());
        assertThat(OtlpReceiver.attributes(handle))
                .containsEntry("code.function.name", "dev.vigil.otel.TracedService.handle")
                .containsEntry("tenant", "acme");
        assertThat(OtlpReceiver.attributes(lookup)).containsEntry("code.function.name", "dev.vigil.otel.TracedService.lookup");
    }

    @Test
    void timedAndCountedAloneMakeNoSpan() throws Exception {
        service.metricsOnly();
        vigil.close(); // flushes: anything recorded would now be received
        assertThat(receiver.spans).isEmpty();
        assertThat(metrics.sum("COUNTER checkout.calls{}")).isEqualTo(1);
    }

    @Test
    void aFailingTracedMethodRecordsTheErrorOnItsSpan() throws Exception {
        assertThatThrownBy(service::fail).isInstanceOf(IllegalArgumentException.class).hasMessage("bad order");
        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("TracedService.fail");
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getStatus().getMessage()).isEqualTo("bad order");
        assertThat(OtlpReceiver.attributes(span)).containsEntry("error.type", "java.lang.IllegalArgumentException");
        assertThat(span.getEventsList()).hasSize(1);
    }

    @Test
    void aCompletionStageMethodEndsItsSpanWhenTheStageCompletes() throws Exception {
        long before = System.nanoTime();
        CompletionStage<String> stage = service.later();
        Thread.sleep(150); // the stage is pending this long: its span must cover it (asserted below)
        TestVigil.flush(); // an ended span would now have been received
        assertThat(receiver.spans).isEmpty();
        Thread t = new Thread(() -> service.pending.complete("shipped"));
        t.start();
        t.join();
        Span span = receiver.await(1).get(0);
        assertThat(stage.toCompletableFuture().join()).isEqualTo("shipped");
        assertThat(span.getName()).isEqualTo("TracedService.later");
        assertThat(span.getEndTimeUnixNano() - span.getStartTimeUnixNano()).isGreaterThanOrEqualTo(140_000_000L);
        assertThat(System.nanoTime() - before).isGreaterThan(0);
    }
}
