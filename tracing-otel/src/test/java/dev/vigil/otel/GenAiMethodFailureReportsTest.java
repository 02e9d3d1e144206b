package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.VigilBackend;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A GenAI call failed by its method's exception is one failure, reported once at the innermost observation (the
 * call), and a handler that breaks while the call is recorded leaves the method's own recording and exception alone.
 */
class GenAiMethodFailureReportsTest {
    /** A handler that throws an {@code Error} whenever a GenAI call stops. */
    static final class BreaksOnGenAi implements VigilBackend, ObservationHandler {
        @Override
        public String name() {
            return "breaks-on-genai";
        }

        @Override
        public ObservationHandler observationHandler() {
            return this;
        }

        @Override
        public void onStop(ObservationContext o, Object state) {
            if (o.name().startsWith("chat ")) {
                throw new AssertionError("handler broken");
            }
        }
    }

    private final IllegalStateException down = new IllegalStateException("provider down");
    private OtlpReceiver receiver;
    private Vigil vigil;

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theMethodsExceptionIsNewAtTheCallAndSeenAtTheMethod() throws Exception {
        receiver = new OtlpReceiver();
        FailureReportingTest.Reporter reporter = new FailureReportingTest.Reporter();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).backend(reporter).install();

        assertThatThrownBy(() -> new AnsweringService(vigil).answer(() -> {
            throw down;
        })).isSameAs(down);

        assertThat(reporter.reports).containsExactly("chat gpt-4o-mini span new", "AnsweringService.answer span seen");
        assertThat(reporter.errors).containsOnly(down);
    }

    @Test
    void aHandlerBreakingOnTheDeferredCallLeavesTheMethodsRecordingAlone() throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).backend(new BreaksOnGenAi())
                .install();

        assertThatThrownBy(() -> new AnsweringService(vigil).answer(() -> {
            throw down;
        })).isSameAs(down);

        receiver.await(2);
        assertThat(receiver.named("AnsweringService.answer").getStatus().getCode())
                .isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.attributes(receiver.named("chat gpt-4o-mini")))
                .containsEntry("error.type", "java.lang.IllegalStateException");
    }
}
