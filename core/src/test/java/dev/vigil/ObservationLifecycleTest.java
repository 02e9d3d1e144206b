package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.context.Context;
import dev.vigil.context.ContextPropagation;
import dev.vigil.context.Scope;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.ObservationHandler.Interest;
import dev.vigil.spi.ObservationHandler.Order;
import dev.vigil.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Late tags, error types, events, detached observations, interest, order and errorAlreadySeen, on core alone. */
@SuppressWarnings("try") // scopes opened for their effect
class ObservationLifecycleTest {
    private final InMemoryMetrics metrics = new InMemoryMetrics();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<ObservationContext> stopped = new CopyOnWriteArrayList<>();
    private Vigil vigil;

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void theTimerIsLookedUpAtCloseWithTheFinalTagsAndTheExplicitErrorType() {
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).build();
        Observation o = vigil.observation("GET /orders/{id}").kind(SpanKind.SERVER).timer("http.server.request.duration")
                .tag("http.request.method", "GET").attribute("server.port", 8080L).start();
        o.tag("http.response.status_code", "500");
        o.tag("http.response.status_code", "503"); // set again: the later one wins
        o.attribute("http.response.body.size", 512L);
        o.error(new IllegalStateException("upstream"));
        o.errorType("503");                        // wins over the exception's class name
        o.event("gen_ai.first_chunk");
        o.close();
        assertThat(metrics.specs.keySet()).containsExactly(
                "TIMER http.server.request.duration{error.type=503,http.request.method=GET,http.response.status_code=503}");
    }

    @Test
    void handlersSeeTypedAttributesEventsAndTheFinalValues() {
        vigil = Vigil.builder().discoverBackends(false).backend(capturing(Interest.ALL)).build();
        long before = System.currentTimeMillis() * 1_000_000L;
        try (Observation o = vigil.observation("op").tag("a", "1").attribute("port", 8080L).attribute("ratio", 0.5)
                .attribute("cached", true).start()) {
            o.tag("a", "2").attribute("late", "x").event("first").errorType("timeout");
        }
        ObservationContext c = stopped.get(0);
        assertThat(c.startAttributeCount()).isEqualTo(4);
        assertThat(c.attribute("port")).isEqualTo(8080L);
        assertThat(c.attribute("ratio")).isEqualTo(0.5);
        assertThat(c.attribute("cached")).isEqualTo(true);
        assertThat(c.attribute("a")).isEqualTo("2");
        assertThat(c.attribute("late")).isEqualTo("x");
        assertThat(c.eventCount()).isEqualTo(1);
        assertThat(c.eventName(0)).isEqualTo("first");
        assertThat(c.eventEpochNanos(0)).isBetween(before, System.currentTimeMillis() * 1_000_000L + 1_000_000L);
        assertThat(c.errorType()).isEqualTo("timeout");
        assertThat(c.error()).isNull();
    }

    @Test
    void aDetachedObservationIsCurrentOnlyInsideItsScopesAndClosesOnceFromAnyThread() throws Exception {
        RecordingHandler h = new RecordingHandler("h", Interest.ALL, Order.OTHER, calls);
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(h).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Observation parent = vigil.observation("parent").start()) {
            Observation a = vigil.observation("orders process").kind(SpanKind.CONSUMER).timer("orders.process").startDetached();
            assertThat(Context.current().span()).isEqualTo(parent.spanContext());
            assertThat(a.spanContext().traceIdHex()).isEqualTo(parent.spanContext().traceIdHex());
            SpanContext[] seen = new SpanContext[1];
            pool.submit(() -> {
                try (Scope s = a.makeCurrent()) {
                    seen[0] = Context.current().span();
                }
                return Context.current().span();
            }).get(10, TimeUnit.SECONDS);
            assertThat(seen[0]).isEqualTo(a.spanContext());
            CompletableFuture<?> first = CompletableFuture.runAsync(a::close, pool);
            CompletableFuture<?> second = CompletableFuture.runAsync(a::close, pool);
            CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
            a.close();
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).containsExactly("h start parent", "h open parent", "h start orders process",
                "h open orders process", "h close orders process", "h stop orders process", "h close parent", "h stop parent");
        assertThat(metrics.count("TIMER orders.process{}")).isEqualTo(1);
        assertThat(Context.current().span().isValid()).isFalse();
    }

    @Test
    void startedThenClosedElsewhereStaysCurrentOnlyUntilTheStartingThreadsEnclosingScopeEnds() throws Exception {
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<String> checks = new ArrayList<>();
        try (WarningCollector warnings = new WarningCollector()) {
            Observation outer = vigil.observation("outer").start();
            Observation inner = vigil.observation("inner").timer("inner.duration").start();
            pool.submit(inner::close).get(10, TimeUnit.SECONDS);
            checks.add("after remote close: inner current=" + Context.current().span().equals(inner.spanContext()));
            outer.close();
            checks.add("after outer: root=" + !Context.current().span().isValid());

            // The same under a task wrapper: the task's end restores the thread.
            Runnable task = ContextPropagation.get().wrap(() -> {
                Observation o = vigil.observation("in task").start();
                try {
                    pool.submit(o::close).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            task.run();
            checks.add("after task: root=" + !Context.current().span().isValid());
            assertThat(warnings.kinds).doesNotContain("scope-order", "scope-leak");
        } finally {
            pool.shutdownNow();
        }
        assertThat(checks).containsExactly("after remote close: inner current=true", "after outer: root=true",
                "after task: root=true");
        assertThat(metrics.count("TIMER inner.duration{}")).isEqualTo(1);
    }

    @Test
    void eachHandlerRunsInItsDeclaredOrderWhateverItsRegistrationOrder() {
        vigil = Vigil.builder().discoverBackends(false)
                .backend(new RecordingHandler("errors", Interest.ALL, Order.ERROR_REPORTING, calls))
                .backend(new RecordingHandler("logs", Interest.ALL, Order.LOG_CONTEXT, calls))
                .backend(new RecordingHandler("tracer", Interest.ALL, Order.TRACING, calls)).build();
        vigil.observation("op").start().close();
        assertThat(calls).containsExactly("tracer start op", "logs start op", "errors start op",
                "tracer open op", "logs open op", "errors open op",
                "errors close op", "logs close op", "tracer close op",
                "errors stop op", "logs stop op", "tracer stop op");
    }

    @Test
    void aFailureOnlyHandlerGetsJustTheStopOfFailedObservationsOfEveryKind() {
        RecordingHandler errors = new RecordingHandler("errors", Interest.FAILURES, Order.ERROR_REPORTING, calls);
        RecordingHandler spans = new RecordingHandler("spans", Interest.SAMPLED_SPANS, Order.TRACING, calls);
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(errors).backend(spans).build();
        vigil.observation("fine").start().close();
        calls.clear();
        IllegalStateException boom = new IllegalStateException("boom");
        try {
            vigil.kpi("render").time(() -> {
                throw boom;
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).isSameAs(boom);
        }
        vigil.observation("failed").start().errorType("503").close();
        assertThat(calls).containsExactly("errors stop render java.lang.IllegalStateException new",
                "spans start failed", "spans open failed", "spans close failed",
                "errors stop failed 503 new", "spans stop failed 503 new");
        assertThat(metrics.count("TIMER render{error.type=java.lang.IllegalStateException}")).isEqualTo(1);
    }

    @Test
    void nestedObservationsFailingWithOneExceptionReportItNewOnlyAtTheInnermost() throws Exception {
        RecordingHandler errors = new RecordingHandler("e", Interest.FAILURES, Order.ERROR_REPORTING, calls);
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(errors).build();
        IllegalStateException boom = new IllegalStateException("boom");
        ExecutorService pool = ContextPropagation.get().wrap(Executors.newSingleThreadExecutor());
        try (Observation outer = vigil.observation("outer").start()) {
            try {
                vigil.kpi("middle").time(() -> {
                    // On another thread, under the carried context: still nested inside "middle".
                    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
                        try (Observation inner = vigil.observation("inner").start()) {
                            inner.error(boom);
                        }
                        throw boom;
                    }, pool);
                    return f.join();
                });
            } catch (java.util.concurrent.CompletionException e) {
                outer.error(e); // the wrapper counts as its cause
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).containsExactly("e stop inner java.lang.IllegalStateException new",
                "e stop middle java.util.concurrent.CompletionException seen",
                "e stop outer java.util.concurrent.CompletionException seen");
    }

    @Test
    void aTracedKpiIsASpanWithoutAnyMetricsBackend() {
        RecordingHandler spans = new RecordingHandler("spans", Interest.SAMPLED_SPANS, Order.TRACING, calls);
        vigil = Vigil.builder().discoverBackends(false).backend(spans).build();
        assertThat(vigil.kpi("invoice.render").tag("format", "pdf").traced().time(() -> "pdf")).isEqualTo("pdf");
        vigil.kpi("untraced").time(() -> { });
        assertThat(calls).containsExactly("spans start invoice.render", "spans open invoice.render",
                "spans close invoice.render", "spans stop invoice.render");
    }

    @Test
    void onlyATracingHandlerDuringOnStartMayReplaceTheIds() {
        SpanContext theirs = SpanContext.create(7L, 8L, 9L, SpanContext.FLAG_SAMPLED, null);
        List<ObservationContext> seen = new ArrayList<>();
        ObservationHandler replacer = new ObservationHandler() {
            @Override
            public Order order() {
                return Order.TRACING;
            }

            @Override
            public Object onStart(ObservationContext o) {
                o.replaceSpanContext(theirs);
                seen.add(o);
                return null;
            }

            @Override
            public void onStop(ObservationContext o, Object state) {
                o.replaceSpanContext(SpanContext.create(1L, 2L, 3L, (byte) 1, null)); // too late: ignored
            }
        };
        vigil = Vigil.builder().discoverBackends(false).backend(backend("replacer", replacer)).build();
        try (WarningCollector warnings = new WarningCollector()) {
            try (Observation o = vigil.observation("op").start()) {
                assertThat(o.spanContext()).isSameAs(theirs);
                assertThat(Context.current().span()).isSameAs(theirs);
            }
            assertThat(seen.get(0).spanContext()).isSameAs(theirs);
            assertThat(warnings.kinds).containsExactly("handler-misuse");
        }
    }

    static dev.vigil.spi.VigilBackend backend(String name, ObservationHandler h) {
        return new dev.vigil.spi.VigilBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ObservationHandler observationHandler() {
                return h;
            }
        };
    }

    private dev.vigil.spi.VigilBackend capturing(Interest interest) {
        return backend("capturing", new ObservationHandler() {
            @Override
            public Interest interest() {
                return interest;
            }

            @Override
            public void onStop(ObservationContext o, Object state) {
                stopped.add(o);
            }
        });
    }
}
