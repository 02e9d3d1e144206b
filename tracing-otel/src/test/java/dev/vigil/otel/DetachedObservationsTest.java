package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand detached observations, started under a parent on some threads, made current and closed on others,
 * through the real SDK: every exported span has the right parent, and no thread is left with a context or a span
 * frame of its own.
 */
@SuppressWarnings("try") // scopes opened for their effect
class DetachedObservationsTest {
    private static final int COUNT = 10_000;
    private static final int THREADS = 4;

    /** Keeps every exported span: the SDK's batch processor is real, only the wire is skipped. */
    static final class Collecting implements SpanExporter {
        final Map<String, SpanData> bySpanId = new ConcurrentHashMap<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            spans.forEach(s -> bySpanId.put(s.getSpanId(), s));
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Test
    void everySpanHasItsParentAndNoThreadKeepsAContext() throws Exception {
        Collecting exporter = new Collecting();
        dev.vigil.context.Context.current();
        Vigil.resetGlobalForTest();
        Vigil vigil = Vigil.builder().discoverBackends(false).property("otel.bsp.max.queue.size", "40000")
                .property("otel.bsp.schedule.delay", "20")
                .backend(OtelTracing.builder().useGlobal(false).spanExporter(exporter).build()).install();
        List<ExecutorService> starters = new ArrayList<>();
        List<ExecutorService> closers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            starters.add(Executors.newSingleThreadExecutor());
            closers.add(Executors.newSingleThreadExecutor());
        }
        Map<String, String> expectedParent = new ConcurrentHashMap<>();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(starters.get(t).submit(() -> {
                    List<Future<?>> closes = new ArrayList<>();
                    for (int i = thread; i < COUNT; i += THREADS) {
                        int n = i;
                        try (Observation parent = vigil.observation("parent").kind(SpanKind.SERVER).start()) {
                            Observation a = vigil.observation("detached").kind(SpanKind.CONSUMER).startDetached();
                            expectedParent.put(a.spanContext().spanIdHex(), parent.spanContext().spanIdHex());
                            closes.add(closers.get(n % THREADS).submit(() -> {
                                if (n % 2 == 0) {
                                    try (Scope s = a.makeCurrent()) {
                                        vigil.observation("child of detached").start().close();
                                    }
                                }
                                a.close();
                            }));
                        }
                    }
                    for (Future<?> f : closes) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            List<String> leaks = new ArrayList<>();
            List<ExecutorService> all = new ArrayList<>(starters);
            all.addAll(closers);
            for (ExecutorService e : all) {
                leaks.addAll(e.submit(DetachedObservationsTest::leaksOnThisThread).get(10, TimeUnit.SECONDS));
            }
            assertThat(leaks).isEmpty();
        } finally {
            starters.forEach(ExecutorService::shutdownNow);
            closers.forEach(ExecutorService::shutdownNow);
            vigil.close();
            Vigil.resetGlobalForTest();
        }
        assertThat(expectedParent).hasSize(COUNT);
        int wrong = 0;
        int missing = 0;
        for (Map.Entry<String, String> e : expectedParent.entrySet()) {
            SpanData span = exporter.bySpanId.get(e.getKey());
            if (span == null) {
                missing++;
            } else if (!span.getParentSpanId().equals(e.getValue())) {
                wrong++;
            }
        }
        assertThat(missing).isZero();
        assertThat(wrong).isZero();
        assertThat(exporter.bySpanId).hasSize(COUNT * 2 + COUNT / 2);
    }

    @Test
    void anObservationStartedHereAndClosedElsewhereLeavesNoFrameOnceItsEnclosingScopeEnds() throws Exception {
        Collecting exporter = new Collecting();
        dev.vigil.context.Context.current();
        Vigil.resetGlobalForTest();
        Vigil vigil = Vigil.builder().discoverBackends(false)
                .backend(OtelTracing.builder().useGlobal(false).spanExporter(exporter).build()).install();
        ExecutorService starter = Executors.newSingleThreadExecutor();
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Runnable task = vigil.context().wrap(() -> {
                Observation o = vigil.observation("closed elsewhere").start();
                try {
                    closer.submit(o::close).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 100; i++) {
                starter.submit(task).get(10, TimeUnit.SECONDS);
                // The next observation on that thread is not its child: the ended frame goes.
                starter.submit(() -> vigil.observation("next").start().close()).get(10, TimeUnit.SECONDS);
                assertThat(starter.submit(DetachedObservationsTest::leaksOnThisThread).get(10, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            starter.shutdownNow();
            closer.shutdownNow();
            vigil.close();
            Vigil.resetGlobalForTest();
        }
        assertThat(exporter.bySpanId.values()).filteredOn(s -> s.getName().equals("closed elsewhere")).hasSize(100);
    }

    private static List<String> leaksOnThisThread() {
        List<String> leaks = new ArrayList<>();
        if (Context.current() != Context.root()) {
            leaks.add(Thread.currentThread().getName() + ": core context " + Context.current());
        }
        if (ThreadState.get().depth() != 0) {
            leaks.add(Thread.currentThread().getName() + ": " + ThreadState.get().depth() + " span frames");
        }
        if (io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()) {
            leaks.add(Thread.currentThread().getName() + ": OpenTelemetry span " + io.opentelemetry.api.trace.Span.current());
        }
        return leaks;
    }
}
