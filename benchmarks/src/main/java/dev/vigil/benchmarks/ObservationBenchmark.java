package dev.vigil.benchmarks;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.otel.OtelTracing;
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
 * An HTTP-server-like observation (span, timer, a typed attribute) whose status-code tag is known only at the end,
 * against the same observation with that tag given at start, in one run: what learning a tag late costs. Both
 * record into a Prometheus registry and an OpenTelemetry SDK that batches into an exporter that discards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ObservationBenchmark {
    /** 1.0: every span sampled; 0.0: none. */
    @Param({"1.0", "0.0"})
    public double ratio;

    private PrometheusMeterRegistry registry;
    private Vigil vigil;
    private String status = "200";

    /** Builds Vigil on a fresh registry and its own SDK. */
    @Setup(Level.Trial)
    public void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false).traceSampleRatio(ratio)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                .backend(OtelTracing.builder().useGlobal(false).spanExporter(new TracedBenchmark.DiscardingExporter()).build())
                .build();
    }

    /** Closes Vigil and the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
        registry.close();
    }

    /** Baseline: every tag given at start. */
    @Benchmark
    public void tagAtStart() {
        Observation o = vigil.observation("GET /orders/{id}").kind(SpanKind.SERVER)
                .timer("http.server.request.duration")
                .tag("http.request.method", "GET")
                .tag("http.response.status_code", status)
                .attribute("server.port", 8080L)
                .start();
        o.close();
    }

    /** The same with the status-code tag set after start; target ≤ 1.1× {@link #tagAtStart()}. */
    @Benchmark
    public void lateTag() {
        Observation o = vigil.observation("GET /orders/{id}").kind(SpanKind.SERVER)
                .timer("http.server.request.duration")
                .tag("http.request.method", "GET")
                .attribute("server.port", 8080L)
                .start();
        o.tag("http.response.status_code", status);
        o.close();
    }
}
