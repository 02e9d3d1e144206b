package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Task;
import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tasks and storage operations as a real OTLP receiver sees them: in the submitter's trace, with error.type. */
@SuppressWarnings("try") // observations opened for their effect
class TaskAndStorageSpansTest {
    private OtlpReceiver receiver;
    private Vigil vigil;
    private ExecutorService pool;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).install();
        pool = vigil.tasks().executor("emails", Executors.newFixedThreadPool(2));
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void aTaskRunsInItsSubmittersTraceAndAFailedOneCarriesErrorType() throws Exception {
        Future<?> ok;
        Future<?> failed;
        try (Observation checkout = vigil.observation("POST /checkout").kind(SpanKind.SERVER).start()) {
            ok = pool.submit(Task.named("send-receipt", () -> { }));
            failed = pool.submit(Task.named("charge-card", () -> {
                throw new IllegalStateException("declined");
            }));
            ok.get(10, TimeUnit.SECONDS);
            try {
                failed.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // the task's own failure, seen by its submitter
            }
        }

        receiver.await(3);
        Span parent = receiver.named("POST /checkout");
        Span task = receiver.named("emails send-receipt");
        Span failure = receiver.named("emails charge-card");
        assertThat(task.getTraceId()).isEqualTo(parent.getTraceId());
        assertThat(task.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(failure.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(task.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(OtlpReceiver.attributes(task)).containsEntry("task.queue", "emails")
                .containsEntry("task.name", "send-receipt").containsEntry("task.status", "success")
                .doesNotContainKey("error.type");
        assertThat(OtlpReceiver.attributes(failure)).containsEntry("task.status", "failure")
                .containsEntry("error.type", "java.lang.IllegalStateException");
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void aStorageUploadIsAClientSpanWithBucketOperationAndSize() throws Exception {
        try (Observation o = vigil.storage("documents").upload(2048).start()) {
            o.error(new IOException("connection reset"));
        }

        Span upload = receiver.await(1).get(0);
        assertThat(upload.getName()).isEqualTo("upload documents");
        assertThat(upload.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(OtlpReceiver.typedAttributes(upload)).containsEntry("storage.bucket", "documents")
                .containsEntry("storage.operation", "upload").containsEntry("storage.operation.size", 2048L)
                .containsEntry("error.type", "java.io.IOException");
    }
}
