package dev.vigil.benchmarks;

import dev.vigil.KpiCounter;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Counter;
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
 * The KPI paths side by side with raw Micrometer on a {@code PrometheusMeterRegistry}, in one run:
 * a held counter, a lookup per call with two tags, and every call with no backend installed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KpiBenchmark {
    private PrometheusMeterRegistry registry;
    private Counter rawCounter;
    private Vigil vigil;
    private KpiCounter placed;
    private final Vigil noop = Vigil.noop();

    /** Builds one registry shared by the raw and the Vigil paths, so both pay the same meter cost. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        rawCounter = registry.counter("raw.held");
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .build();
        placed = vigil.kpi("vigil.held").tag("plan", "pro").counter();
    }

    /** Releases the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
        registry.close();
    }

    /** Baseline: a held Micrometer counter. */
    @Benchmark
    public void rawHeldCounter() {
        rawCounter.increment();
    }

    /** Vigil's pre-bound counter; target ≤ 1.2× {@link #rawHeldCounter()} and 0 B/op. */
    @Benchmark
    public void vigilPreboundCounter() {
        placed.increment();
    }

    /** Baseline: a registry lookup with two tags on every call. */
    @Benchmark
    public void rawRegistryLookup() {
        registry.counter("raw.lookup", "plan", "pro", "region", "eu").increment();
    }

    /** Vigil's fluent lookup on every call; target ≤ 0.5× {@link #rawRegistryLookup()} and ≤ 0.25× its B/op. */
    @Benchmark
    public void vigilFluentLookup() {
        vigil.kpi("vigil.lookup").tag("plan", "pro").tag("region", "eu").increment();
    }

    /** The same fluent call with no backend installed; target ≤ 5 ns and 0 B/op. */
    @Benchmark
    public void noBackendFluent() {
        noop.kpi("vigil.lookup").tag("plan", "pro").tag("region", "eu").increment();
    }

    /** The global before install, as a library that records unconditionally sees it. */
    @Benchmark
    public void noBackendGlobal() {
        Vigil.global().kpi("vigil.lookup").tag("plan", "pro").increment();
    }
}
