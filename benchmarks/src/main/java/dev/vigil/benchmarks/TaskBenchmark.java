package dev.vigil.benchmarks;

import dev.vigil.Task;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
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
 * A task through {@code vigil.tasks().executor(...)} against the raw executor. Both run the task on the calling
 * thread, so the difference is exactly what Vigil adds (wrapping, context, wait and duration metrics, gauges);
 * target ≤ 300 ns added.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TaskBenchmark {
    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private ExecutorService raw;
    private ExecutorService observed;
    private int sink;
    private final Task task = Task.named("send-receipt", () -> {
        sink = Workload.body(sink); // kept in a field, so the JIT cannot drop the work
    });

    /** Runs every task on the calling thread: no queue, no thread hand-off to blur the difference. */
    static final class CallerRuns extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** One registry; the raw and the observed executors run tasks the same way. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .build();
        raw = new CallerRuns();
        observed = vigil.tasks().executor("emails", new CallerRuns());
    }

    /** Releases the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
        registry.close();
    }

    /** Baseline: the raw executor. */
    @Benchmark
    public void rawExecutor() {
        raw.execute(task);
    }

    /** The same task through the observed executor. */
    @Benchmark
    public void observedExecutor() {
        observed.execute(task);
    }
}
