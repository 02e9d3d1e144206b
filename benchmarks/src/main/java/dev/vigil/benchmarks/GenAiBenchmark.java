package dev.vigil.benchmarks;

import dev.vigil.GenAiCall;
import dev.vigil.Observation;
import dev.vigil.SpanKind;
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
 * One chat call recorded through {@code vigil.genAi()} (span, duration, input and output token histograms, cost
 * from the price table and the daily budget) against a plain observation with a timer around the same work, on
 * the same registry: the difference is what the GenAI conventions and the cost add per call.
 */
@SuppressWarnings("try") // the plain observation is opened for its effect
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GenAiBenchmark {
    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private int sink;

    /** One registry, prices for the model and a budget, so every recording path of a priced call runs. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .genAiPrice("openai", "gpt-4o-mini", 0.15, 0.60, 0.075)
                .genAiDailyBudgetUsd(50)
                .build();
    }

    /** Releases the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
        registry.close();
    }

    /** @return the work's result, so the JIT keeps it */
    @Benchmark
    public int chatCallWithUsageAndCost() {
        try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").serverAddress("api.openai.com")
                .feature("support-bot").start()) {
            sink = Workload.body(sink);
            call.responseModel("gpt-4o-mini").finishReason("stop").usage(1200, 350, 1000, 0);
        }
        return sink;
    }

    /** @return the work's result, so the JIT keeps it */
    /** An installed Vigil: a call closed without outcome looks for an annotated method only when one is. */
    @State(Scope.Benchmark)
    public static class Installed {
        Vigil vigil;

        /** Installs a Vigil with Prometheus metrics (once per fork: JMH forks per benchmark). */
        @Setup(Level.Trial)
        public void setUp() {
            vigil = Vigil.builder().discoverBackends(false)
                    .metrics(MicrometerMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                            .jvmMetrics(false).commonTags(false).build())
                    .install();
        }

        /** Uninstalls it. */
        @TearDown(Level.Trial)
        public void tearDown() {
            vigil.close();
        }
    }

    /**
     * A call closed with nothing reported and no annotated method around it, on an installed Vigil: the walk of the
     * stack that looks for such a method is the cost of this path (see docs/genai.md, Failures).
     *
     * @param installed the installed Vigil
     * @return the sink
     */
    @Benchmark
    public int chatCallWithoutOutcome(Installed installed) {
        try (GenAiCall call = installed.vigil.genAi().chat("openai", "gpt-4o-mini").serverAddress("api.openai.com")
                .start()) {
            sink = Workload.body(sink);
        }
        return sink;
    }

    /**
     * Baseline: a plain CLIENT observation with a timer around the same work, on the same registry.
     *
     * @return the work's result, so the JIT keeps it
     */
    @Benchmark
    public int plainObservation() {
        try (Observation o = vigil.observation("chat gpt-4o-mini").kind(SpanKind.CLIENT)
                .timer("bench.chat.duration").tag("gen_ai.operation.name", "chat").start()) {
            sink = Workload.body(sink);
        }
        return sink;
    }
}
