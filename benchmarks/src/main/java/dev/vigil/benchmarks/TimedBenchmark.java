package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.annotation.Timed;
import dev.vigil.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Timer;
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
 * A {@code @Timed} method rewritten by vigil-maven-plugin during this module's build, against the same body
 * timed by hand with Micrometer's {@code Timer.start}/{@code stop} on the same registry, in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TimedBenchmark {
    private PrometheusMeterRegistry registry;
    private Timer rawTimer;
    private Vigil vigil;
    private final Work work = new Work();
    private int input = 12345;

    /** Installs Vigil globally (annotated methods record into the global instance) on a fresh registry. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        rawTimer = Timer.builder("raw.timed").serviceLevelObjectives(
                java.util.Arrays.stream(new double[] {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10})
                        .mapToObj(s -> java.time.Duration.ofNanos((long) (s * 1e9)))
                        .toArray(java.time.Duration[]::new))
                .register(registry);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .install();
    }

    /** Uninstalls, so another benchmark in the same JVM could install again. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Vigil.resetGlobalForTest();
        vigil.close();
        registry.close();
    }

    /** Baseline: the body alone, to show what the instrumentation adds. */
    @Benchmark
    public int bodyOnly() {
        return Workload.body(input);
    }

    /** Baseline: the body timed by hand with a Micrometer sample. */
    @Benchmark
    public int rawTimerStartStop() {
        Timer.Sample sample = Timer.start(registry);
        int r = Workload.body(input);
        sample.stop(rawTimer);
        return r;
    }

    /** The same body in a plugin-instrumented {@code @Timed} method; target ≤ 1.2× {@link #rawTimerStartStop()}. */
    @Benchmark
    public int vigilTimedMethod() {
        return work.timed(input);
    }

    /** The class the plugin rewrites. */
    public static class Work {
        /**
         * @param x input
         * @return {@link Workload#body(int)}
         */
        @Timed("bench.timed")
        public int timed(int x) {
            return Workload.body(x);
        }
    }
}
