package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.context.Context;
import dev.vigil.context.ContextKey;
import dev.vigil.context.Scope;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.TimerInstrument;
import dev.vigil.spi.MeterSpec;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A handler or backend that throws an Error (here NoClassDefFoundError) never reaches the host or its context. */
@SuppressWarnings("try") // scopes opened for their effect
class HandlerFailureTest {
    private static final ContextKey<String> TENANT = ContextKey.named("tenant");

    /** Throws a linkage error in every call but onScopeOpened, as a handler missing a class at run time would. */
    static final class Broken implements ObservationHandler {
        @Override
        public Object onStart(ObservationContext o) {
            throw new NoClassDefFoundError("io/missing/Tracer");
        }

        @Override
        public void onScopeClosed(ObservationContext o, Object state) {
            throw new NoClassDefFoundError("io/missing/Scope");
        }

        @Override
        public void onStop(ObservationContext o, Object state) {
            throw new NoClassDefFoundError("io/missing/Span");
        }
    }

    private Vigil vigil;

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void noCallThrowsAndTheContextIsExactlyAsBefore() throws Exception {
        InMemoryMetrics metrics = new InMemoryMetrics();
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics)
                .backend(ObservationLifecycleTest.backend("broken", new Broken())).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (WarningCollector warnings = new WarningCollector();
             Scope base = Context.current().with(TENANT, "acme").makeCurrent()) {
            Context before = Context.current();
            assertThatCode(() -> {
                try (Observation o = vigil.observation("manual").timer("manual.duration").start()) {
                    o.tag("k", "v").event("e");
                }
                Observation d = vigil.observation("detached").startDetached();
                try (Scope s = d.makeCurrent()) {
                    assertThat(Context.current().span()).isEqualTo(d.spanContext());
                }
                pool.submit(d::close).get(10, TimeUnit.SECONDS);
                assertThat(vigil.kpi("traced").traced().time(() -> 1)).isEqualTo(1);
                vigil.kpi("untraced").time(() -> { });
            }).doesNotThrowAnyException();
            assertThat(Context.current()).isSameAs(before);
            assertThat(warnings.kinds).containsOnly("handler-failure");
            assertThat(warnings.messages).anyMatch(m -> m.contains("onStart") && m.contains("NoClassDefFoundError"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(metrics.count("TIMER manual.duration{k=v}")).isEqualTo(1);
        assertThat(Context.current().span().isValid()).isFalse();
    }

    @Test
    void aMetricsBackendThatThrowsAnErrorNeverReachesTheHost() {
        InMemoryMetrics metrics = new InMemoryMetrics() {
            @Override
            public TimerInstrument timer(MeterSpec spec) {
                return nanos -> {
                    throw new NoClassDefFoundError("io/missing/Histogram");
                };
            }
        };
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).build();
        try (WarningCollector warnings = new WarningCollector()) {
            Context before = Context.current();
            assertThatCode(() -> {
                assertThat(vigil.kpi("t").time(() -> "ran")).isEqualTo("ran");
                vigil.kpi("t").timer().recordNanos(5);
                vigil.observation("o").timer("o.duration").start().close();
            }).doesNotThrowAnyException();
            assertThat(Context.current()).isSameAs(before);
            assertThat(warnings.kinds).containsOnly("backend-failure");
        }
    }
}
