package dev.vigil.otel;

import dev.vigil.spi.BackendContext;
import dev.vigil.spi.ExporterHealth;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.VigilBackend;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's tracing backend on OpenTelemetry: every {@code @Traced} method, {@code vigil.observation(...)} and traced
 * KPI becomes a span. Found automatically (see {@link OtelBackendProvider}); use this class to choose the
 * OpenTelemetry yourself.
 *
 * <pre>{@code
 * // An OpenTelemetry the application already has (Spring, its own SDK): Vigil uses it and never shuts it down.
 * Vigil vigil = Vigil.builder().backend(OtelTracing.of(openTelemetry)).install();
 *
 * // Or let Vigil build and own the SDK from its configuration (otel.exporter.otlp.endpoint, otel.bsp.*, ...):
 * Vigil vigil = Vigil.builder().serviceName("shop").backend(OtelTracing.builder().build()).install();
 * }</pre>
 *
 * <p>Which OpenTelemetry, in order: the one given to {@link Builder#openTelemetry}; else the global one when it is
 * already set (the Java agent sets it at startup; it is read without forcing its initialization); else an SDK built
 * from Vigil's configuration, with core's span ids and sampling decision, a bounded batch queue whose drops are
 * counted in {@code vigil.dropped{backend="otel"}}, and OTLP/HTTP export. Only that last one is flushed and shut down
 * by {@link #close(Duration)}.
 */
public final class OtelTracing implements VigilBackend {
    /** Key that lets the backend use an already set global OpenTelemetry (the agent's); default true. */
    public static final String USE_GLOBAL = "vigil.otel.use-global";

    private final OpenTelemetry explicit;
    private final SpanExporter exporter;
    private final boolean useGlobal;
    private final SpanHandler handler = new SpanHandler();
    private volatile OpenTelemetry openTelemetry;
    private volatile OtelSdkFactory.Owned owned;
    private volatile DropCounting drops;

    private OtelTracing(OpenTelemetry explicit, SpanExporter exporter, boolean useGlobal) {
        this.explicit = explicit;
        this.exporter = exporter;
        this.useGlobal = useGlobal;
    }

    /**
     * Uses an OpenTelemetry the application owns; Vigil creates spans with it and never shuts it down.
     *
     * <pre>{@code Vigil.builder().backend(OtelTracing.of(GlobalOpenTelemetry.get())).install();}</pre>
     *
     * @param openTelemetry the OpenTelemetry to use
     * @return the backend
     */
    public static OtelTracing of(OpenTelemetry openTelemetry) {
        return builder().openTelemetry(openTelemetry).build();
    }

    /**
     * Starts a builder; without {@link Builder#openTelemetry}, the OpenTelemetry is chosen at install.
     *
     * <pre>{@code OtelTracing tracing = OtelTracing.builder().useGlobal(false).build();}</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code otel} */
    @Override
    public String name() {
        return DropCounting.BACKEND;
    }

    /** @return the handler that turns observations into spans */
    @Override
    public ObservationHandler observationHandler() {
        return handler;
    }

    /**
     * The OpenTelemetry in use, for code that wants the raw API on the same pipeline.
     *
     * <pre>{@code Tracer tracer = tracing.openTelemetry().getTracer("my-lib");}</pre>
     *
     * @return the OpenTelemetry chosen at start, or null before
     */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * Chooses the OpenTelemetry (see the class comment) and readies the handler. Called by core at install.
     *
     * @param context core's configuration and drop counter
     */
    @Override
    public void start(BackendContext context) {
        OpenTelemetry otel = explicit;
        if (otel == null && useGlobal && context.config().getBoolean(USE_GLOBAL, true) && GlobalOpenTelemetry.isSet()) {
            otel = GlobalOpenTelemetry.get();
        }
        boolean ours = otel == null;
        if (ours) {
            DropCounting d = new DropCounting((reason, n) -> context.dropped(DropCounting.BACKEND, reason, n),
                    ExporterHealth.register(context, DropCounting.BACKEND)); // the health check exporter.otel
            OtelSdkFactory.Owned built = OtelSdkFactory.build(context.config(), d, exporter);
            drops = d;
            owned = built;
            otel = built.sdk;
        }
        openTelemetry = otel;
        handler.redaction(context.redaction());
        handler.init(otel.getTracer("dev.vigil"), ours);
    }

    /**
     * Flushes and shuts down the SDK Vigil built, within the timeout; an OpenTelemetry given by the application is
     * left alone. Never blocks past the timeout: a collector that refuses fails the flush at once (connection errors
     * are not retried), and an export a silent collector still holds at the timeout is cancelled, its spans counted
     * as dropped.
     *
     * @param timeout the most this call may take
     */
    @Override
    public void close(Duration timeout) {
        OtelSdkFactory.Owned o = owned;
        if (o == null) {
            return;
        }
        owned = null;
        long timeoutNanos = Math.max(0, timeout.toNanos());
        long deadline = System.nanoTime() + timeoutNanos;
        // A tenth of the time (at most 100 ms) is kept to cancel an export that a silent collector still holds, so
        // that its spans are counted as dropped while the metrics backend is still open.
        long cancelAt = deadline - Math.min(timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(100));
        await(o.sdk.getSdkTracerProvider().forceFlush(), cancelAt);
        CompletableResultCode shutdown = o.sdk.shutdown();
        await(shutdown, cancelAt);
        if (!shutdown.isDone()) {
            o.failures.cancelling();
            o.exporter.shutdown(); // cancels the export in flight; the batch processor's own call is then a no-op
            await(shutdown, deadline);
        }
        if (o.exportThreads != null) {
            o.exportThreads.shutdown(); // after the exporter's: a send refused by a stopped pool would log SEVERE
        }
        DropCounting d = drops;
        if (d != null) {
            d.flush();
        }
    }

    private static void await(CompletableResultCode result, long deadline) {
        result.join(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        OpenTelemetry otel = openTelemetry;
        OtelSdkFactory.Owned o = owned;
        return "OtelTracing{" + (otel == null ? "not started" : o != null && otel == o.sdk ? "own SDK" : otel.getClass().getName())
                + ", bridge=" + ContextBridge.mode + '}';
    }

    /**
     * Configures an {@link OtelTracing}; everything else comes from Vigil's configuration at install.
     *
     * <pre>{@code
     * OtelTracing tracing = OtelTracing.builder()
     *         .spanExporter(myExporter)   // instead of OTLP/HTTP, still batched and drop-counted
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private OpenTelemetry openTelemetry;
        private SpanExporter exporter;
        private boolean useGlobal = true;

        private Builder() {
        }

        /**
         * @param openTelemetry an OpenTelemetry the application owns; Vigil never shuts it down
         * @return this builder
         */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
            return this;
        }

        /**
         * @param exporter the exporter of the SDK Vigil builds, instead of OTLP/HTTP; Vigil shuts it down on close
         * @return this builder
         */
        public Builder spanExporter(SpanExporter exporter) {
            this.exporter = Objects.requireNonNull(exporter, "exporter");
            return this;
        }

        /**
         * @param useGlobal whether an already set {@code GlobalOpenTelemetry} (the agent's) is used; default true
         * @return this builder
         */
        public Builder useGlobal(boolean useGlobal) {
            this.useGlobal = useGlobal;
            return this;
        }

        /** @return the backend */
        public OtelTracing build() {
            return new OtelTracing(openTelemetry, exporter, useGlobal);
        }
    }
}
