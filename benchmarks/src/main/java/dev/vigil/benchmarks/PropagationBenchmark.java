package dev.vigil.benchmarks;

import dev.vigil.propagation.MapPropagation;
import dev.vigil.propagation.TextMapGetter;
import dev.vigil.propagation.TextMapSetter;
import dev.vigil.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
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
 * A server hop: extract {@code traceparent} from incoming headers and inject it into outgoing ones, with
 * Vigil's propagator and with OpenTelemetry's {@code W3CTraceContextPropagator}, on the same headers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class PropagationBenchmark {
    private final Map<String, String> incoming = new HashMap<>(Map.of(
            "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "content-type", "application/json"));
    private final TextMapPropagator otel =
            io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance();
    private final W3CTraceContextPropagator vigil = W3CTraceContextPropagator.getInstance();
    /** A plain map lookup, as OpenTelemetry's getter below: MapPropagation's own getter also matches case-insensitively. */
    private static final TextMapGetter<Map<String, String>> VIGIL_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final TextMapSetter<Map<String, String>> VIGIL_SETTER = MapPropagation.setter();
    private static final io.opentelemetry.context.propagation.TextMapGetter<Map<String, String>> OTEL_GETTER =
            new io.opentelemetry.context.propagation.TextMapGetter<>() {
                @Override
                @SuppressWarnings("deprecation") // still abstract in 1.67; implemented because it must be
                public Iterable<String> keys(Map<String, String> carrier) {
                    return carrier.keySet();
                }

                @Override
                public String get(Map<String, String> carrier, String key) {
                    return carrier == null ? null : carrier.get(key);
                }
            };

    /**
     * Baseline: OpenTelemetry extract then inject.
     *
     * @return the outgoing headers
     */
    @Benchmark
    public Map<String, String> otelExtractInject() {
        Context extracted = otel.extract(Context.root(), incoming, OTEL_GETTER);
        Map<String, String> out = new HashMap<>(4);
        otel.inject(extracted, out, Map::put);
        return out;
    }

    /**
     * Vigil's extract then inject; target ≤ 1.0× {@link #otelExtractInject()}.
     *
     * @return the outgoing headers
     */
    @Benchmark
    public Map<String, String> vigilExtractInject() {
        Map<String, String> out = new HashMap<>(4);
        vigil.inject(vigil.extract(incoming, VIGIL_GETTER), out, VIGIL_SETTER);
        return out;
    }
}
