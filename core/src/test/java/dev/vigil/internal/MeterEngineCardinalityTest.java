package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.InMemoryMetrics;
import dev.vigil.WarningCollector;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MeterType;
import dev.vigil.spi.MetricsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two cardinality budgets of the meter engine, observed through what reaches the backend. */
class MeterEngineCardinalityTest {
    private final InMemoryMetrics metrics = new InMemoryMetrics();
    private final WarningCollector warnings = new WarningCollector();

    @AfterEach
    void tearDown() {
        warnings.close();
    }

    private MeterEngine engine(int maxTagSets, int maxNames) {
        return new MeterEngine(new MetricsBackend[] {metrics}, maxTagSets, maxNames);
    }

    private static void count(MeterEngine engine, String name, String... kv) {
        KpiBuilder b = new KpiBuilder(engine, name);
        for (int i = 0; i < kv.length; i += 2) {
            b.tag(kv[i], kv[i + 1]);
        }
        b.increment();
    }

    private List<String> specsOf(String name) {
        List<String> keys = new ArrayList<>();
        for (String k : metrics.specs.keySet()) {
            if (k.substring(k.indexOf(' ') + 1).startsWith(name + "{")) {
                keys.add(k);
            }
        }
        return keys;
    }

    @Test
    void aKnownTagSetInAnotherOrderIsNotFoldedOnceTheBudgetIsSpent() {
        MeterEngine engine = engine(2, 100);
        count(engine, "orders", "plan", "pro", "region", "eu");
        count(engine, "orders", "plan", "free", "region", "eu");
        count(engine, "orders", "plan", "gold", "region", "eu");
        count(engine, "orders", "region", "eu", "plan", "pro");

        assertThat(metrics.sum("COUNTER orders{plan=pro,region=eu}")).isEqualTo(2.0);
        assertThat(metrics.sum("COUNTER orders{otel.metric.overflow=true}")).isEqualTo(1.0);
        assertThat(specsOf("orders")).hasSize(3);
    }

    @Test
    void keysPastTheBudgetDoNotGrowTheCache() {
        MeterEngine engine = engine(10, 100);
        for (int i = 0; i < 5_000; i++) {
            count(engine, "requests", "user", "u" + i);
        }
        assertThat(engine.cachedKeys()).isEqualTo(10);
        assertThat(engine.familyOf("requests").size()).isEqualTo(10);
        assertThat(metrics.sum("COUNTER requests{otel.metric.overflow=true}")).isEqualTo(4_990.0);
        assertThat(metrics.sum("COUNTER vigil.metrics.overflow{metric=requests}")).isEqualTo(4_990.0);
    }

    @Test
    void theFirstFoldOfEachNameIsWarnedOnce() {
        MeterEngine engine = engine(1, 100);
        for (int i = 0; i < 100; i++) {
            count(engine, "a", "user", "u" + i);
            count(engine, "b", "user", "u" + i);
        }
        assertThat(warnings.messages).filteredOn(m -> m.contains("reached its budget of 1 tag sets"))
                .hasSize(2)
                .anyMatch(m -> m.startsWith("meter 'a'"))
                .anyMatch(m -> m.startsWith("meter 'b'"));
    }

    @Test
    void anInvalidTagPastTheBudgetIsIgnoredNotFolded() {
        MeterEngine engine = engine(1, 100);
        count(engine, "requests", "user", "u0");
        count(engine, "requests", "user", "u1");
        count(engine, "requests", "bad key!", "u2");
        count(engine, "requests", "user", "x".repeat(MeterNames.MAX_VALUE_LENGTH + 1));

        assertThat(metrics.sum("COUNTER requests{otel.metric.overflow=true}")).isEqualTo(1.0);
        assertThat(warnings.kinds).contains("invalid-meter");
    }

    @Test
    void failuresPastTheBudgetFoldToo() {
        MeterEngine engine = engine(1, 100);
        KpiBuilder ok = new KpiBuilder(engine, "render");
        ok.tag("doc", "pdf").time(() -> { });
        for (int i = 0; i < 3; i++) {
            KpiBuilder failing = new KpiBuilder(engine, "render");
            failing.tag("doc", "pdf");
            try {
                failing.time((Runnable) () -> {
                    throw new IllegalStateException();
                });
            } catch (IllegalStateException expected) {
                // rethrown unchanged, recorded in the overflow series
            }
        }
        assertThat(metrics.count("TIMER render{doc=pdf}")).isEqualTo(1);
        assertThat(metrics.count("TIMER render{otel.metric.overflow=true}")).isEqualTo(3);
    }

    @Test
    void gaugesPastTheBudgetFoldIntoOneSeriesThatReadsTheirSum() {
        MeterEngine engine = engine(2, 100);
        List<AtomicInteger> values = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            AtomicInteger v = new AtomicInteger(i);
            values.add(v);
            engine.gauge("queue.depth", new String[] {"queue", "q" + i}, null, null, v, AtomicInteger::get);
        }
        assertThat(metrics.gauges.get("GAUGE queue.depth{queue=q1}").getAsDouble()).isEqualTo(1.0);
        assertThat(metrics.gauges.get("GAUGE queue.depth{queue=q2}").getAsDouble()).isEqualTo(2.0);
        assertThat(metrics.gauges.get("GAUGE queue.depth{otel.metric.overflow=true}").getAsDouble()).isEqualTo(12.0);
        assertThat(metrics.gauges).hasSize(3);
        assertThat(metrics.sum("COUNTER vigil.metrics.overflow{metric=queue.depth}")).isEqualTo(3.0);
        values.get(4).set(50);
        assertThat(metrics.gauges.get("GAUGE queue.depth{otel.metric.overflow=true}").getAsDouble()).isEqualTo(57.0);
    }

    @Test
    void aFoldedGaugeIsHeldWeaklyAndDroppedOnceCollected() throws InterruptedException {
        MeterEngine engine = engine(1, 100);
        engine.gauge("sessions", new String[] {"user", "kept"}, null, null, new AtomicInteger(1), AtomicInteger::get);
        AtomicInteger alive = new AtomicInteger(2);
        engine.gauge("sessions", new String[] {"user", "alive"}, null, null, alive, AtomicInteger::get);
        engine.gauge("sessions", new String[] {"user", "gone"}, null, null, new AtomicInteger(3), AtomicInteger::get);
        engine.gauge("sessions", new String[] {"user", "gone2"}, null, null, new AtomicInteger(4), AtomicInteger::get);
        OverflowGauge overflow = (OverflowGauge) engine.familyOf("sessions").overflow();
        assertThat(overflow.members()).isEqualTo(3);

        // System.gc() is a request: retried, bounded, until the two unreferenced objects are gone.
        double sum = overflow.sum();
        for (int i = 0; i < 50 && (sum != 2.0 || overflow.members() > 2); i++) {
            System.gc();
            Thread.sleep(20);
            sum = overflow.sum();
        }
        assertThat(sum).isEqualTo(2.0);
        // The newest member stays linked (it is the head); the older collected one is unlinked.
        assertThat(overflow.members()).isEqualTo(2);
        assertThat(alive.get()).isEqualTo(2);
    }

    @Test
    void namesPastTheBudgetAreRefusedAndCounted() {
        MeterEngine engine = engine(100, 3);
        for (int i = 0; i < 10; i++) {
            count(engine, "name" + i);
            count(engine, "name" + i);
        }
        engine.gauge("a.gauge", new String[0], null, null, new AtomicInteger(), AtomicInteger::get);

        assertThat(metrics.specs.keySet()).filteredOn(k -> k.contains(" name"))
                .containsExactlyInAnyOrder("COUNTER name0{}", "COUNTER name1{}", "COUNTER name2{}");
        assertThat(metrics.sum("COUNTER vigil.metrics.refused{}")).isEqualTo(15.0);
        assertThat(warnings.kinds).contains("metric-names");
        // A name admitted before the budget ran out keeps recording.
        count(engine, "name0");
        assertThat(metrics.sum("COUNTER name0{}")).isEqualTo(3.0);
    }

    @Test
    void theBudgetIsAHardBoundAndSumsStayExactUnderConcurrency() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        MeterEngine engine = engine(100, 100);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Half the ids are shared by every thread, so threads race on the same new tag sets.
                        String id = i % 2 == 0 ? "s" + (i / 2) : "t" + thread + "-" + i;
                        count(engine, "requests", "user", id);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> series = specsOf("requests");
        assertThat(series).hasSize(101).contains("COUNTER requests{otel.metric.overflow=true}");
        double total = 0;
        for (String s : series) {
            total += metrics.sum(s);
        }
        assertThat(total).isEqualTo((double) threads * perThread);
        assertThat(metrics.sum("COUNTER vigil.metrics.overflow{metric=requests}"))
                .isEqualTo(metrics.sum("COUNTER requests{otel.metric.overflow=true}"));
    }

    @Test
    void aBackendWithFunctionCountersReadsTheOverflowSumAndFoldsFromCore() {
        InMemoryMetrics functional = new InMemoryMetrics() {
            @Override
            public <T> boolean functionCounter(MeterSpec spec, T obj, java.util.function.ToDoubleFunction<T> fn) {
                gauges.put(spec.toString(), () -> fn.applyAsDouble(obj));
                return true;
            }
        };
        MeterEngine engine = new MeterEngine(new MetricsBackend[] {functional, metrics}, 1, 100);
        count(engine, "requests", "user", "u0");
        for (int i = 1; i <= 3; i++) {
            count(engine, "requests", "user", "u" + i);
        }
        KpiBuilder amount = new KpiBuilder(engine, "requests");
        amount.tag("user", "u9").add(2.5);

        assertThat(functional.gauges.get("COUNTER requests{otel.metric.overflow=true}").getAsDouble()).isEqualTo(5.5);
        assertThat(functional.gauges.get("COUNTER vigil.metrics.overflow{metric=requests}").getAsDouble()).isEqualTo(4.0);
        assertThat(functional.specs).doesNotContainKey("COUNTER requests{otel.metric.overflow=true}");
        // The other backend takes no function counters: it is pushed the same recordings.
        assertThat(metrics.sum("COUNTER requests{otel.metric.overflow=true}")).isEqualTo(5.5);
        assertThat(metrics.sum("COUNTER vigil.metrics.overflow{metric=requests}")).isEqualTo(4.0);
    }

    @Test
    void theOverflowSeriesCarriesOnlyTheOverflowTag() {
        MeterEngine engine = engine(1, 100);
        count(engine, "requests", "user", "u0", "plan", "pro");
        count(engine, "requests", "user", "u1", "plan", "pro");
        MeterSpec overflow = metrics.specs.get("COUNTER requests{otel.metric.overflow=true}");
        assertThat(overflow.tagKeys()).containsExactly("otel.metric.overflow");
        assertThat(overflow.type()).isEqualTo(MeterType.COUNTER);
    }
}
