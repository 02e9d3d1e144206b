package dev.vigil.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.trace.SpanContext;
import io.sentry.SentryEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each failure gives exactly one event, whichever paths see it: nested observations, a log line, a wrapper. */
class ReportedOnceTest {
    private SentryReceiver receiver;
    private Vigil vigil;
    private final FailingService service = new FailingService();

    @BeforeEach
    void setUp() throws Exception {
        receiver = new SentryReceiver();
        vigil = SentryTestVigil.builder(receiver.dsn()).install();
    }

    @AfterEach
    void tearDown() {
        SentryTestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void rethrownThroughThreeAnnotatedMethodsThenLoggedAtErrorIsOneEvent() {
        service.checkoutAndLog("card declined");
        SentryTestVigil.flush();

        List<SentryEvent> events = receiver.events();
        assertThat(events).hasSize(1);
        SentryEvent e = events.get(0);
        // Reported at the innermost observation, with its span.
        assertThat(e.getTransaction()).isEqualTo("FailingService.authorize");
        assertThat(e.getContexts().getTrace().getSpanId().toString()).isEqualTo(service.innermost.spanIdHex());
        assertThat(e.getContexts().getTrace().getTraceId().toString()).isEqualTo(service.innermost.traceIdHex());
    }

    @Test
    void wrappedOnceAndLoggedInTheSameTraceIsOneEvent() {
        try (Observation request = vigil.observation("POST /checkout").start()) {
            service.checkoutWrapAndLog("card declined");
            assertThat(request).isNotNull();
        }
        SentryTestVigil.flush();

        List<SentryEvent> events = receiver.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getExceptions()).extracting(x -> x.getType()).containsExactly("IllegalStateException");
    }

    @Test
    void theSameCauseInAnotherTraceIsANewFailure() {
        IllegalStateException shared = new IllegalStateException("cached failure");
        try (Observation first = vigil.observation("first").start()) {
            vigil.errors().capture(shared).send();
            assertThat(first).isNotNull();
        }
        try (Observation second = vigil.observation("second").start()) {
            vigil.errors().capture(new RuntimeException("wrapper", shared)).send();
            vigil.errors().capture(shared).send();
            assertThat(second).isNotNull();
        }
        SentryTestVigil.flush();
        // The wrapper in another trace is new; the very same exception object again is not.
        assertThat(receiver.events()).hasSize(2);
    }

    @Test
    void aFailedTimedOnlyMethodIsReportedInTheSpanItRunsIn() {
        SpanContext request;
        try (Observation o = vigil.observation("POST /refund").start()) {
            request = dev.vigil.context.Context.current().span();
            assertThatThrownBy(() -> service.refund("refund refused")).isInstanceOf(IllegalStateException.class);
            assertThat(o).isNotNull();
        }
        SentryTestVigil.flush();

        List<SentryEvent> events = receiver.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getContexts().getTrace().getSpanId().toString()).isEqualTo(request.spanIdHex());
        assertThat(events.get(0).getTransaction()).isEqualTo("FailingService.refund");
    }

    @Test
    void aFailedTimedKpiIsReported() {
        assertThatThrownBy(() -> vigil.kpi("invoice.render").time(() -> {
            throw new IllegalStateException("renderer crashed");
        })).isInstanceOf(IllegalStateException.class);
        SentryTestVigil.flush();

        assertThat(receiver.events()).singleElement()
                .satisfies(e -> assertThat(e.getExceptions().get(0).getValue()).isEqualTo("renderer crashed"));
    }

    @Test
    void uncaughtExceptionIsOneEventAndReachesThePreviousHandler() throws Exception {
        // The handler installed before Vigil's must still see the exception.
        SentryTestVigil.close(vigil);
        AtomicReference<Throwable> seenByPrevious = new AtomicReference<>();
        CountDownLatch previousCalled = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            seenByPrevious.set(e);
            previousCalled.countDown();
        });
        try {
            vigil = SentryTestVigil.builder(receiver.dsn()).install();
            Thread worker = new Thread(() -> service.checkout("worker died"), "worker-1");
            worker.start();
            assertThat(previousCalled.await(10, TimeUnit.SECONDS)).isTrue();
            worker.join(Duration.ofSeconds(10).toMillis());
            SentryTestVigil.flush();

            assertThat(seenByPrevious.get()).isInstanceOf(IllegalStateException.class).hasMessage("worker died");
            // The observation reported it first; the uncaught handler saw a repeat.
            assertThat(receiver.events()).hasSize(1);

            Thread other = new Thread(() -> {
                throw new IllegalArgumentException("no observation saw this");
            }, "worker-2");
            CountDownLatch second = new CountDownLatch(1);
            Thread.UncaughtExceptionHandler vigils = Thread.getDefaultUncaughtExceptionHandler();
            other.setUncaughtExceptionHandler((t, e) -> {
                vigils.uncaughtException(t, e);
                second.countDown();
            });
            other.start();
            assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
            SentryTestVigil.flush();
            List<SentryEvent> events = receiver.events();
            assertThat(events).hasSize(2);
            SentryEvent uncaught = events.get(1);
            assertThat(uncaught.getExceptions().get(0).getValue()).isEqualTo("no observation saw this");
            assertThat(uncaught.getExceptions().get(0).getMechanism().isHandled()).isFalse();
        } finally {
            SentryTestVigil.close(vigil);
            vigil = null;
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNotNull();
            Thread.setDefaultUncaughtExceptionHandler(original);
        }
    }
}
