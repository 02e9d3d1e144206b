package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.context.Context;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.VigilBackend;
import dev.vigil.trace.SpanContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manual observations: ids assigned by core, parents from the current context, handlers, timers, errors. */
class ObservationTest {
    private final InMemoryMetrics metrics = new InMemoryMetrics();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<ObservationContext> stopped = new CopyOnWriteArrayList<>();
    private Vigil vigil;

    private final VigilBackend tracer = new VigilBackend() {
        @Override
        public String name() {
            return "test-tracer";
        }

        @Override
        public ObservationHandler observationHandler() {
            return new ObservationHandler() {
                @Override
                public Object onStart(ObservationContext context) {
                    events.add("start " + context.name());
                    return context.name();
                }

                @Override
                public void onScopeOpened(ObservationContext context, Object state) {
                    events.add("open " + state);
                }

                @Override
                public void onScopeClosed(ObservationContext context, Object state) {
                    events.add("scope " + state);
                }

                @Override
                public void onStop(ObservationContext context, Object state) {
                    events.add("stop " + state);
                    stopped.add(context);
                }
            };
        }
    };

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void nestedObservationsShareTheTraceAndChainParents() {
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(tracer).build();
        SpanContext outerId;
        SpanContext innerId;
        try (Observation outer = vigil.observation("outer").kind(SpanKind.SERVER).start()) {
            outerId = outer.spanContext();
            assertThat(Context.current().span()).isEqualTo(outerId);
            try (Observation inner = vigil.observation("inner").kind(SpanKind.CLIENT).tag("peer", "b").timer("client.call").start()) {
                innerId = inner.spanContext();
                assertThat(Context.current().span()).isEqualTo(innerId);
            }
            assertThat(Context.current().span()).isEqualTo(outerId);
        }
        assertThat(Context.current().span().isValid()).isFalse();
        assertThat(outerId.isValid()).isTrue();
        assertThat(outerId.isSampled()).isTrue();
        assertThat(innerId.traceIdHex()).isEqualTo(outerId.traceIdHex());
        assertThat(innerId.spanIdHex()).isNotEqualTo(outerId.spanIdHex());
        assertThat(events).containsExactly("start outer", "open outer", "start inner", "open inner", "scope inner",
                "stop inner", "scope outer", "stop outer");
        ObservationContext inner = stopped.get(0);
        assertThat(inner.parent()).isEqualTo(outerId);
        assertThat(inner.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(inner.attributeKey(0)).isEqualTo("peer");
        assertThat(metrics.count("TIMER client.call{peer=b}")).isEqualTo(1);
    }

    @Test
    void aFailureCarriesErrorTypeToHandlerAndMetric() {
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(tracer).build();
        try (Observation o = vigil.observation("work").timer("work.duration").start()) {
            o.attribute("late", "yes").error(new IllegalArgumentException("bad"));
        }
        ObservationContext ctx = stopped.get(0);
        assertThat(ctx.errorType()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(ctx.attributeKey(ctx.attributeCount() - 1)).isEqualTo("late");
        assertThat(metrics.count("TIMER work.duration{error.type=java.lang.IllegalArgumentException}")).isEqualTo(1);
        // A name that only ever failed has no empty success series.
        assertThat(metrics.specs).doesNotContainKey("TIMER work.duration{}");
    }

    @Test
    void withoutATracerIdsAreStillAssignedForLogsAndPropagation() {
        vigil = Vigil.builder().discoverBackends(false).build();
        try (Observation o = vigil.observation("alone").start()) {
            assertThat(o.spanContext().isValid()).isTrue();
            assertThat(Context.current().span().traceIdHex()).hasSize(32).isNotEqualTo("0".repeat(32));
        }
    }

    @Test
    void aRemoteParentIsContinuedAndItsSamplingDecisionFollowed() {
        vigil = Vigil.builder().discoverBackends(false).traceSampleRatio(1.0).build();
        SpanContext remote = SpanContext.createFromRemoteParent(0x1234L, 0x5678L, 0x9aL, (byte) 0, dev.vigil.trace.TraceState.empty());
        try (dev.vigil.context.Scope s = Context.current().withSpan(remote).makeCurrent();
             Observation o = vigil.observation("server").kind(SpanKind.SERVER).start()) {
            assertThat(s).isNotNull();
            assertThat(o.spanContext().traceIdLow()).isEqualTo(0x5678L);
            assertThat(o.spanContext().isSampled()).isFalse();
        }
    }

    @Test
    void theRatioSamplesRootSpansAsOpenTelemetryDoes() {
        vigil = Vigil.builder().discoverBackends(false).traceSampleRatio(0.25).build();
        int sampled = 0;
        for (int i = 0; i < 4000; i++) {
            try (Observation o = vigil.observation("root").start()) {
                if (o.spanContext().isSampled()) {
                    sampled++;
                }
            }
        }
        assertThat(sampled).isBetween(800, 1200);
        assertThatThrownBy(() -> Vigil.builder().property("otel.traces.sampler", "sometimes").build())
                .hasMessageContaining("otel.traces.sampler").hasMessageContaining("parentbased_traceidratio");
        assertThatThrownBy(() -> Vigil.builder().traceSampleRatio(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTracedKpiIsASpanAndATimer() {
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(tracer).build();
        assertThat(vigil.kpi("invoice.render").tag("format", "pdf").traced().time(() -> "pdf")).isEqualTo("pdf");
        assertThat(events).containsExactly("start invoice.render", "open invoice.render", "scope invoice.render",
                "stop invoice.render");
        assertThat(metrics.count("TIMER invoice.render{format=pdf}")).isEqualTo(1);
    }

    @Test
    void eachHandlerGetsOnlyTheObservationsItsInterestNames() {
        List<String> seen = new CopyOnWriteArrayList<>();
        VigilBackend exporterLike = backendWith("exporter", ObservationHandler.Interest.SAMPLED_SPANS, seen);
        VigilBackend logsLike = backendWith("logs", ObservationHandler.Interest.SPANS, seen);
        Vigil onlySampled = Vigil.builder().discoverBackends(false).traceSampleRatio(0).backend(exporterLike).build();
        try (Observation o = onlySampled.observation("quiet").start()) {
            assertThat(o.spanContext().isValid()).isTrue();
            assertThat(Context.current().span()).isEqualTo(o.spanContext());
        }
        assertThat(seen).isEmpty();
        onlySampled.close();

        // A handler that wants unsampled spans gets them; the exporter still does not.
        Vigil mixed = Vigil.builder().discoverBackends(false).traceSampleRatio(0).backend(exporterLike).backend(logsLike).build();
        try (Observation o = mixed.observation("quiet").start()) {
            assertThat(o.spanContext().isSampled()).isFalse();
        }
        assertThat(seen).containsExactly("logs start", "logs stop");
        mixed.close();
    }

    @Test
    void closingOutOfOrderWarnsAndNeverUndoesALaterObservation() throws Exception {
        vigil = Vigil.builder().discoverBackends(false).build();
        List<String> checks = new CopyOnWriteArrayList<>();
        try (WarningCollector warnings = new WarningCollector()) {
            // On its own thread: an out-of-order close leaves the outer span current, as OpenTelemetry's scopes do.
            Thread t = new Thread(() -> {
                Observation outer = vigil.observation("outer").start();
                Observation inner = vigil.observation("inner").start();
                outer.close();
                checks.add("after outer: inner current=" + Context.current().span().equals(inner.spanContext()));
                inner.close();
                checks.add("after inner: outer current=" + Context.current().span().equals(outer.spanContext()));
            });
            t.start();
            t.join();
            assertThat(warnings.kinds).contains("scope-order");
        }
        assertThat(checks).containsExactly("after outer: inner current=true", "after inner: outer current=true");
    }

    private static VigilBackend backendWith(String name, ObservationHandler.Interest interest, List<String> seen) {
        return new VigilBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ObservationHandler observationHandler() {
                return new ObservationHandler() {
                    @Override
                    public Object onStart(ObservationContext context) {
                        seen.add(name + " start");
                        return null;
                    }

                    @Override
                    public void onStop(ObservationContext context, Object state) {
                        seen.add(name + " stop");
                    }

                    @Override
                    public Interest interest() {
                        return interest;
                    }
                };
            }
        };
    }

    @Test
    void beforeInstallTheGlobalObservationIsASharedNoOp() {
        assertThat(Vigil.global().observation("x")).isSameAs(Vigil.global().observation("y"));
        try (Observation o = Vigil.global().observation("x").start()) {
            assertThat(o.spanContext().isValid()).isFalse();
        }
    }

    @Test
    void aNameUpdatedAfterStartReachesTheHandlersAtStopAndLeavesTheTimerAlone() {
        List<String> seen = new CopyOnWriteArrayList<>();
        VigilBackend renames = new VigilBackend() {
            @Override
            public String name() {
                return "renames";
            }

            @Override
            public ObservationHandler observationHandler() {
                return new ObservationHandler() {
                    @Override
                    public Object onStart(ObservationContext context) {
                        seen.add("start " + context.name() + " " + context.nameUpdated());
                        return null;
                    }

                    @Override
                    public void onStop(ObservationContext context, Object state) {
                        seen.add("stop " + context.name() + " " + context.nameUpdated());
                    }
                };
            }
        };
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(renames).build();
        Observation o = vigil.observation("GET").kind(SpanKind.SERVER).timer("http.server.request.duration")
                .startDetached();
        o.updateName(null).updateName("").updateName("GET /orders/{id}");
        o.close();
        o.updateName("GET /late");
        Observation same = vigil.observation("GET /a").startDetached();
        same.updateName("GET /a");
        same.close();

        assertThat(seen).containsExactly("start GET false", "stop GET /orders/{id} true",
                "start GET /a false", "stop GET /a false");
        assertThat(metrics.count("TIMER http.server.request.duration{}")).isEqualTo(1);
    }
}
