package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.VigilConfig;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A new distinct tag set on a metric that already has {@link #existingSets} of them, the budget raised so it
 * stays within it: the miss path, validation and the backend registration, against raw Micrometer registering
 * a new counter in a registry of the same size. Every iteration starts from a fresh registry and lasts 5 ms
 * (a few thousand new sets at most, out of {@value #IDS} prepared), so the number of sets stays about what the
 * parameter says while JMH's own compiled loop drives the calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20, time = 5, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 5, timeUnit = TimeUnit.MILLISECONDS)
// A fixed heap and young generation, so that no collection lands inside a 5 ms iteration.
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Xmn1g"})
public class NewTagSetBenchmark {
    /** More than an iteration can use even at 100 ns a set. */
    private static final int IDS = 100_000;
    private static final String[] NEW_IDS = new String[IDS];

    static {
        for (int i = 0; i < IDS; i++) {
            NEW_IDS[i] = "new-" + i;
        }
    }

    /** How many tag sets the metric has before the iteration; the time must not depend on it. */
    @Param({"10000", "100000"})
    public int existingSets;

    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private int next;

    /** A fresh registry holding {@link #existingSets} sets on each side; the setup also warms the path. */
    @Setup(Level.Iteration)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .property(VigilConfig.MAX_TAG_SETS, String.valueOf(existingSets + IDS))
                .build();
        for (int i = 0; i < existingSets; i++) {
            vigil.kpi("users").tag("user", "existing-" + i).increment();
            registry.counter("raw.users", "user", "existing-" + i).increment();
        }
        next = 0;
        // The previous iteration's registry is garbage now: collect it here, not while measuring.
        System.gc();
    }

    /** Releases the registry. */
    @TearDown(Level.Iteration)
    public void tearDown() {
        vigil.close();
        registry.close();
    }

    /** Vigil: each call a tag set the metric has never seen; target ≤ 2 µs, whatever {@link #existingSets}. */
    @Benchmark
    public void vigilNewTagSet() {
        vigil.kpi("users").tag("user", NEW_IDS[next++ % IDS]).increment();
    }

    /** Baseline: raw Micrometer registering a new counter with one tag. */
    @Benchmark
    public void rawNewCounter() {
        registry.counter("raw.users", "user", NEW_IDS[next++ % IDS]).increment();
    }
}
