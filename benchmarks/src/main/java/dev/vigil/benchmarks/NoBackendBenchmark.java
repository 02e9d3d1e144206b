package dev.vigil.benchmarks;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.annotation.Tag;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What instrumentation costs a library or service when Vigil is on the class path but never installed:
 * the target is ≤ 5 ns and 0 B/op for any call. Nothing is installed in this benchmark's JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class NoBackendBenchmark {
    private final Work work = new Work();
    private int input = 12345;
    private String plan = "pro";

    /** @return the body alone, the baseline of the annotated calls */
    @Benchmark
    public int bodyOnly() {
        return Workload.body(input);
    }

    /** @return an annotated method without {@code @Tag} parameters, with nothing installed */
    @Benchmark
    public int timedTracedMethod() {
        return work.timedTraced(input);
    }

    /** @return an annotated method with a {@code @Tag} parameter, with nothing installed */
    @Benchmark
    public int taggedMethod() {
        return work.tagged(plan, input);
    }

    /** A manual observation on the global no-op. */
    @Benchmark
    public void observation() {
        try (Observation o = Vigil.global().observation("op").tag("plan", "pro").start()) {
            o.attribute("k", "v");
        }
    }

    /** The class the plugin rewrites. */
    public static class Work {
        /**
         * @param x input
         * @return {@link Workload#body(int)}
         */
        @Timed("bench.nobackend")
        @Traced
        public int timedTraced(int x) {
            return Workload.body(x);
        }

        /**
         * @param plan a tag
         * @param x input
         * @return {@link Workload#body(int)}
         */
        @Timed("bench.tagged")
        public int tagged(@Tag("plan") String plan, int x) {
            return Workload.body(x) + plan.length();
        }
    }
}
