package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.annotation.Traced;
import dev.vigil.otel.OtelTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A {@code @Traced} method rewritten by the plugin, against the same body in a raw OpenTelemetry span with
 * {@code startSpan}, {@code makeCurrent} and {@code end}, in one run. Both SDKs batch into an exporter that
 * discards, so the figures are the cost on the request thread. {@code ratio} 1 measures sampled spans,
 * 0 unsampled ones (parent-based, as both default to). The raw baselines run in forks with Vigil's context
 * bridge off, on OpenTelemetry's own unwrapped context storage; Vigil runs as installed, bridge on.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TracedBenchmark {
    /** 1.0: every span sampled; 0.0: none. */
    @Param({"1.0", "0.0"})
    public double ratio;

    private SdkTracerProvider rawProvider;
    private Tracer rawTracer;
    private Vigil vigil;
    private final Work work = new Work();
    private int input = 12345;
    private static final io.opentelemetry.api.common.AttributeKey<String> CODE_FUNCTION =
            io.opentelemetry.api.common.AttributeKey.stringKey("code.function.name");

    /** Builds the raw SDK and installs Vigil with its own, alike. */
    @Setup(Level.Trial)
    public void setUp() {
        rawProvider = SdkTracerProvider.builder()
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
                .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingExporter()).build())
                .build();
        rawTracer = rawProvider.get("raw");
        vigil = Vigil.builder().discoverBackends(false).traceSampleRatio(ratio)
                .backend(OtelTracing.builder().useGlobal(false).spanExporter(new DiscardingExporter()).build())
                .install();
    }

    /** Shuts both down. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Vigil.resetGlobalForTest();
        vigil.close();
        rawProvider.close();
    }

    /** @return the body alone */
    @Benchmark
    public int bodyOnly() {
        return Workload.body(input);
    }

    /** @return the body in a raw OpenTelemetry span made current */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-Dvigil.otel.context-bridge=false")
    @SuppressWarnings("try") // the scope is what is measured; the body need not reference it
    public int rawOtelSpan() {
        Span span = rawTracer.spanBuilder("Work.traced").startSpan();
        try (Scope scope = span.makeCurrent()) {
            return Workload.body(input);
        } finally {
            span.end();
        }
    }

    /**
     * @return the same with the {@code code.function.name} attribute that Vigil (and OpenTelemetry's own
     *     {@code @WithSpan} instrumentation) put on a method span
     */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-Dvigil.otel.context-bridge=false")
    @SuppressWarnings("try")
    public int rawOtelSpanWithCodeAttribute() {
        Span span = rawTracer.spanBuilder("Work.traced").setAttribute(CODE_FUNCTION, "dev.vigil.benchmarks.TracedBenchmark$Work.traced")
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            return Workload.body(input);
        } finally {
            span.end();
        }
    }

    /** @return the body in a plugin-instrumented {@code @Traced} method */
    @Benchmark
    public int vigilTracedMethod() {
        return work.traced(input);
    }

    /** The class the plugin rewrites. */
    public static class Work {
        /**
         * @param x input
         * @return {@link Workload#body(int)}
         */
        @Traced
        public int traced(int x) {
            return Workload.body(x);
        }
    }

    /** Accepts and drops every batch, so export costs nothing on either side. */
    static final class DiscardingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
