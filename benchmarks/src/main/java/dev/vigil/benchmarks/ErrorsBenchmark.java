package dev.vigil.benchmarks;

import dev.vigil.ConfigSource;
import dev.vigil.Vigil;
import dev.vigil.annotation.Timed;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.sentry.SentryErrors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
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
 * Error reporting against the raw Sentry SDK, each side in its own fork (the SDK is JVM-wide): a report dropped by
 * sampling (Vigil decides before building; Sentry builds the whole event before {@code beforeSend} can drop it), a
 * breadcrumb, and the caller's latency of a failing {@code @Timed} method while Sentry's endpoint refuses connections.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ErrorsBenchmark {
    static final IllegalStateException FAILURE = new IllegalStateException("document store unavailable");
    static final Map<String, Object> DATA = Map.of("size", 1024);

    /** Vigil with Sentry installed, sending to a port that refuses connections. */
    @State(Scope.Benchmark)
    public static class VigilState {
        Vigil vigil;
        PrometheusMeterRegistry registry;

        /** Installs Vigil with the sample rate the parameter gives. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            vigil = Vigil.builder().discoverBackends(false).configSource(ConfigSource.empty())
                    .serviceName("bench").serviceVersion("1.0.0").environment("bench")
                    .property(SentryErrors.DSN, refusingDsn())
                    .property(SentryErrors.SERVER_NAME, "bench")
                    .property(SentryErrors.SAMPLE_RATE, sampleRate())
                    .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).commonTags(false).build())
                    .backend(SentryErrors.create())
                    .install();
        }

        String sampleRate() {
            return "0";
        }

        /** Uninstalls. */
        @TearDown(Level.Trial)
        public void tearDown() {
            Vigil.resetGlobalForTest();
            vigil.close();
            registry.close();
        }
    }

    /** As {@link VigilState}, every failure sampled in: the caller pays for the whole report. */
    @State(Scope.Benchmark)
    public static class VigilSendingState extends VigilState {
        @Override
        String sampleRate() {
            return "1";
        }
    }

    /** The raw SDK, configured as a user would to drop every event in {@code beforeSend}. */
    @State(Scope.Benchmark)
    public static class RawState {
        /** Initializes the SDK. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String dsn = refusingDsn();
            Sentry.init((SentryOptions o) -> {
                o.setDsn(dsn);
                o.setServerName("bench");
                o.setEnableUncaughtExceptionHandler(false);
                o.setEnableShutdownHook(false);
                o.setBeforeSend((event, hint) -> null);
            });
        }

        /** Closes the SDK. */
        @TearDown(Level.Trial)
        public void tearDown() {
            Sentry.close();
        }
    }

    /** Vigil: {@code capture(e).tag().send()} dropped by sampling; target ≤ 0.1× {@link #sentryCaptureDroppedInBeforeSend}. */
    @Benchmark
    public void vigilCaptureSampledOut(VigilState s) {
        s.vigil.errors().capture(FAILURE).tag("component", "document-processing").send();
    }

    /** Raw: {@code Sentry.captureException} with a {@code beforeSend} that drops. */
    @Benchmark
    public Object sentryCaptureDroppedInBeforeSend(RawState s) {
        return Sentry.captureException(FAILURE);
    }

    /** Vigil: {@code breadcrumb(...)}; target ≤ 1.2× {@link #sentryAddBreadcrumb}. */
    @Benchmark
    public void vigilBreadcrumb(VigilState s) {
        s.vigil.errors().breadcrumb("upload", "Starting document upload", DATA);
    }

    /** Raw: the same breadcrumb built by hand and added with {@code Sentry.addBreadcrumb}. */
    @Benchmark
    public void sentryAddBreadcrumb(RawState s) {
        Breadcrumb b = new Breadcrumb();
        b.setCategory("upload");
        b.setMessage("Starting document upload");
        for (Map.Entry<String, Object> e : DATA.entrySet()) {
            b.setData(e.getKey(), e.getValue());
        }
        Sentry.addBreadcrumb(b);
    }

    /**
     * A failing {@code @Timed} method, every failure reported, the endpoint refusing: the caller's latency distribution;
     * target p99 below 100 µs.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object failingTimedMethod(VigilSendingState s) {
        try {
            return Work.charge(1);
        } catch (IllegalStateException e) {
            return e;
        }
    }

    static String refusingDsn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://publickey@127.0.0.1:" + socket.getLocalPort() + "/1";
        }
    }

    /** The class the plugin rewrites. */
    public static class Work {
        /**
         * @param amount ignored
         * @return never
         */
        @Timed("bench.charge")
        public static int charge(int amount) {
            throw new IllegalStateException("card declined");
        }
    }
}
