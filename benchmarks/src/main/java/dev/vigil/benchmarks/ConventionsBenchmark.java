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
 * The auth and cache conventions called the way applications call them (looked up on every call) against a
 * Micrometer counter with the same two tags looked up on every call. Target: ≤ 0.5× the Micrometer lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ConventionsBenchmark {
    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private Vigil audited;

    /** One registry shared by the raw and the Vigil paths. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The metric paths alone: this benchmark jar carries vigil-logging-json, whose audit sink would make every
        // attempt an audit line; authAttemptAudited measures that separately.
        vigil = Vigil.builder().discoverBackends(false).property("vigil.auth.audit", "false")
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .build();
        audited = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .build();
    }

    /** Releases the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
        audited.close();
        registry.close();
    }

    /** Baseline: a Micrometer counter with two tags, looked up on every call. */
    @Benchmark
    public void rawCounterLookup() {
        registry.counter("raw.auth.attempts", "auth.method", "password", "auth.result", "success").increment();
    }

    /** {@code vigil.auth().attempt("password").success()}. */
    @Benchmark
    public void authAttemptSuccess() {
        vigil.auth().attempt("password").success();
    }

    /** The same with the {@code auth.attempt} audit event written through vigil-logging-json (no target). */
    @Benchmark
    public void authAttemptAudited() {
        audited.auth().attempt("password").success();
    }

    /** {@code vigil.cache("users").hit()}. */
    @Benchmark
    public void cacheHit() {
        vigil.cache("users").hit();
    }
}
