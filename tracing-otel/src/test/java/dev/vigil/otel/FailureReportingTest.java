package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.VigilBackend;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An exception through instrumented {@code @Timed}-only, {@code @Counted}-only and {@code @Traced} methods reaches
 * an error handler at each of the three observations, and exactly one, the innermost, reports it as not yet seen:
 * synchronously, through a failed stage (already failed, or failing later on another thread), and through a caller
 * blocked in {@code join()}. The span is exported next to it, by the real OpenTelemetry handler.
 */
class FailureReportingTest {
    /** What an error reporter does: remembers each failure with its observation and whether it was new. */
    static final class Reporter implements VigilBackend, ObservationHandler {
        final List<String> reports = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test-errors";
        }

        @Override
        public ObservationHandler observationHandler() {
            return this;
        }

        @Override
        public Interest interest() {
            return Interest.FAILURES;
        }

        @Override
        public Order order() {
            return Order.ERROR_REPORTING;
        }

        @Override
        public void onStop(ObservationContext o, Object state) {
            reports.add(o.name() + (o.isSpan() ? " span " : " ") + (o.errorAlreadySeen() ? "seen" : "new"));
            errors.add(o.error());
        }

        void awaitReports(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reports.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    private final IllegalStateException boom = new IllegalStateException("out of stock");
    private final FailingChain chain = new FailingChain(boom);
    private final Reporter reporter = new Reporter();
    private OtlpReceiver receiver;
    private Vigil vigil;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).backend(reporter).install();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void aSynchronousFailureIsNewOnlyAtTheInnermostObservation() throws Exception {
        assertThatThrownBy(chain::outer).isSameAs(boom);
        assertThat(reporter.reports).containsExactly("FailingChain.inner span new", "FailingChain.middle seen",
                "FailingChain.outer seen");
        assertThat(reporter.errors).containsOnly(boom);
        var span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("FailingChain.inner");
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void anAlreadyFailedStageIsNewOnlyAtTheInnermostObservation() throws Exception {
        CompletableFuture<String> result = chain.asyncOuter(CompletableFuture.failedFuture(boom));
        assertThat(result.isCompletedExceptionally()).isTrue();
        assertThat(reporter.reports).containsExactly("FailingChain.asyncInner span new", "FailingChain.asyncMiddle seen",
                "FailingChain.asyncOuter seen");
        assertThat(reporter.errors).containsOnly(boom);
    }

    @Test
    void aStageFailingLaterOnAnotherThreadIsNewOnlyAtTheInnermostObservation() throws Exception {
        // Stage callbacks run last-registered first: the outer observations stop before the inner one here.
        CompletableFuture<String> stage = new CompletableFuture<>();
        chain.asyncOuter(stage);
        Thread t = new Thread(() -> stage.completeExceptionally(boom));
        t.start();
        t.join();
        reporter.awaitReports(3);
        assertThat(reporter.reports).containsExactlyInAnyOrder("FailingChain.asyncInner span new",
                "FailingChain.asyncMiddle seen", "FailingChain.asyncOuter seen");
    }

    @Test
    void aCallerBlockedInJoinSeesTheFailureOfTheStageItWaitedFor() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stage.completeExceptionally(boom);
        });
        t.start();
        assertThatThrownBy(() -> chain.joinOuter(stage)).isInstanceOf(CompletionException.class).hasCause(boom);
        t.join();
        reporter.awaitReports(3);
        assertThat(reporter.reports).containsExactlyInAnyOrder("FailingChain.asyncInner span new",
                "FailingChain.joinMiddle seen", "FailingChain.joinOuter seen");
    }
}
