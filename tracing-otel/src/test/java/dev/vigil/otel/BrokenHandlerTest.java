package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.context.ContextKey;
import dev.vigil.context.Scope;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.VigilBackend;
import dev.vigil.testing.OtlpReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that throws {@code NoClassDefFoundError} in start, scope close and stop, next to the real OpenTelemetry
 * handler, around instrumented methods: nothing reaches the host, both contexts are exactly as before, and the spans
 * are still exported.
 */
@SuppressWarnings("try") // scopes opened for their effect
class BrokenHandlerTest {
    private static final ContextKey<String> TENANT = ContextKey.named("tenant");

    /** Fails as a handler whose library is missing at run time would. */
    static final class Broken implements VigilBackend, ObservationHandler {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public ObservationHandler observationHandler() {
            return this;
        }

        @Override
        public Order order() {
            return Order.LOG_CONTEXT;
        }

        @Override
        public Object onStart(ObservationContext o) {
            throw new NoClassDefFoundError("org/slf4j/MDC");
        }

        @Override
        public void onScopeClosed(ObservationContext o, Object state) {
            throw new NoClassDefFoundError("org/slf4j/MDC");
        }

        @Override
        public void onStop(ObservationContext o, Object state) {
            throw new NoClassDefFoundError("org/slf4j/MDC");
        }
    }

    private OtlpReceiver receiver;
    private Vigil vigil;
    private final TracedService service = new TracedService();

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).backend(new Broken()).install();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void nothingReachesTheHostAndBothContextsAreExactlyAsBefore() throws Exception {
        try (Scope base = Context.current().with(TENANT, "acme").makeCurrent()) {
            Context before = Context.current();
            io.opentelemetry.context.Context otelBefore = io.opentelemetry.context.Context.current();
            assertThatCode(() -> {
                assertThat(service.handle("acme")).isEqualTo("stock for acme");
                service.metricsOnly();
                try (Observation o = vigil.observation("manual").start()) {
                    o.attribute("k", 1L);
                }
            }).doesNotThrowAnyException();
            assertThatThrownBy(service::fail).isInstanceOf(IllegalArgumentException.class).hasMessage("bad order");
            assertThat(Context.current()).isSameAs(before);
            assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
            assertThat(io.opentelemetry.context.Context.current()).isSameAs(otelBefore);
            assertThat(ThreadState.get().depth()).isZero();
        }
        receiver.await(4);
        assertThat(receiver.names()).containsExactlyInAnyOrder("TracedService.handle", "inventory lookup", "manual",
                "TracedService.fail");
    }
}
