package dev.vigil.benchmarks;

import dev.vigil.context.Context;
import dev.vigil.context.ContextPropagation;
import dev.vigil.context.Scope;
import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a context-propagating executor adds per task: capture at submit, attach and restore around the run.
 * The executor runs tasks on the calling thread so that thread hand-off, which both pay alike, does not
 * drown the difference; the target is ≤ 100 ns of overhead per task.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ContextWrapBenchmark {
    private final Executor direct = Runnable::run;
    private final Executor wrapped = ContextPropagation.get().wrap(direct);
    private Scope scope;
    private Blackhole blackhole;

    /**
     * Runs every task under a sampled span, as a request thread would.
     *
     * @param bh where tasks put their result
     */
    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        blackhole = bh;
        scope = Context.current().withSpan(SpanContext.create(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, TraceState.empty()))
                .makeCurrent();
    }

    /** Restores the benchmark thread's context. */
    @TearDown(Level.Trial)
    public void tearDown() {
        scope.close();
    }

    /** Baseline: a task on a plain executor. */
    @Benchmark
    public void unwrappedTask() {
        direct.execute(() -> blackhole.consume(Context.current()));
    }

    /** The same task on a context-propagating executor. */
    @Benchmark
    public void wrappedTask() {
        wrapped.execute(() -> blackhole.consume(Context.current()));
    }
}
