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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * a new counter in a registry of the same size. Every iteration starts from a fresh registry and records a
 * batch of {@value #BATCH} new sets once, so that the number of sets is what the parameter says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
// A fixed heap: with a heap still growing, the smaller parameter would also measure young collections.
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class NewTagSetBenchmark {
    private static final int BATCH = 5000;

    /** How many tag sets the metric has before the measured batch; the time must not depend on it. */
    @Param({"10000", "100000"})
    public int existingSets;

    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private final String[] ids = new String[BATCH];

    /** A fresh registry holding {@link #existingSets} sets on each side; the setup also warms the path. */
    @Setup(Level.Iteration)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .property(VigilConfig.MAX_TAG_SETS, String.valueOf(existingSets + BATCH))
                .build();
        for (int i = 0; i < existingSets; i++) {
            vigil.kpi("users").tag("user", "existing-" + i).increment();
            registry.counter("raw.users", "user", "existing-" + i).increment();
        }
        for (int i = 0; i < BATCH; i++) {
            ids[i] = "new-" + i;
        }
        // The previous iteration's registry is garbage now: collect it here, not inside the measured batch.
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
    @OperationsPerInvocation(BATCH)
    public void vigilNewTagSet() {
        for (String id : ids) {
            vigil.kpi("users").tag("user", id).increment();
        }
    }

    /** Baseline: raw Micrometer registering a new counter with one tag. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawNewCounter() {
        for (String id : ids) {
            registry.counter("raw.users", "user", id).increment();
        }
    }
}
