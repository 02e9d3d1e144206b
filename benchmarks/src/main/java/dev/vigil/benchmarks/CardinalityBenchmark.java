package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cardinality guard on a {@code PrometheusMeterRegistry}: a recording folded past the budget against a
 * cached hit of the same shape, in one run; once with one id, once with 1,024 ids in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CardinalityBenchmark {
    private static final int IDS = 1024;

    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private final String[] cachedIds = new String[IDS];
    private final String[] foldedIds = new String[IDS];
    private int next;

    /** Fills the budget of {@code folded} (2,000 sets) and caches 1,024 sets of {@code cached}. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .build();
        for (int i = 0; i < 2000; i++) {
            vigil.kpi("folded").tag("user", "in-budget-" + i).increment();
        }
        for (int i = 0; i < IDS; i++) {
            cachedIds[i] = "cached-" + i;
            foldedIds[i] = "past-budget-" + i;
            vigil.kpi("cached").tag("user", cachedIds[i]).increment();
            vigil.kpi("folded").tag("user", foldedIds[i]).increment();
        }
    }

    /** Releases the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
        registry.close();
    }

    /** Baseline: a fluent KPI whose tag set is cached. */
    @Benchmark
    public void cachedHit() {
        vigil.kpi("cached").tag("user", cachedIds[0]).increment();
    }

    /**
     * A fluent KPI whose name spent its budget, with a tag set it never admitted: keys past the budget are not
     * cached, so every call takes the overflow path. Target ≤ 1.5× {@link #cachedHit()}.
     */
    @Benchmark
    public void overflow() {
        vigil.kpi("folded").tag("user", foldedIds[0]).increment();
    }

    /** Baseline with 1,024 cached ids in turn: the same path, now bound by memory more than by work. */
    @Benchmark
    public void cachedHitManyIds() {
        vigil.kpi("cached").tag("user", cachedIds[next++ & (IDS - 1)]).increment();
    }

    /** The overflow path with 1,024 ids in turn, each a new tag set, as a cardinality explosion looks. */
    @Benchmark
    public void overflowManyIds() {
        vigil.kpi("folded").tag("user", foldedIds[next++ & (IDS - 1)]).increment();
    }
}
