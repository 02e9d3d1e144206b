package dev.vigil.otel;

import dev.vigil.VigilConfig;
import dev.vigil.trace.TraceSampling;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds the OpenTelemetry SDK that Vigil owns when the application brings none, from Vigil's configuration
 * (the {@code otel.*} keys read as the OpenTelemetry SDK reads them): a resource naming the service, core's ids and
 * sampling decision, a bounded {@link BatchSpanProcessor} whose drops are counted, and the OTLP/HTTP exporter.
 * Nothing here touches {@code GlobalOpenTelemetry}: every internal meter provider is set explicitly.
 *
 * <p>The exporter fails fast and quietly: a connection error is not retried (a collector that is down would
 * otherwise hold each batch, and {@code close()}, for seconds of back-off), only an answer that asks for a retry
 * (429, 502, 503, 504) is; its sends run on {@link ExportThreads}, so a failure is one line of
 * {@link ExportFailures} a minute instead of the SDK's stack trace per batch.
 */
final class OtelSdkFactory {
    static final String ENDPOINT = "otel.exporter.otlp.endpoint";
    static final String TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
    static final String TIMEOUT = "otel.exporter.otlp.timeout";
    static final String TRACES_TIMEOUT = "otel.exporter.otlp.traces.timeout";
    static final String HEADERS = "otel.exporter.otlp.headers";
    static final String TRACES_HEADERS = "otel.exporter.otlp.traces.headers";
    static final String COMPRESSION = "otel.exporter.otlp.compression";
    static final String PROTOCOL = "otel.exporter.otlp.protocol";
    static final String BSP_DELAY = "otel.bsp.schedule.delay";
    static final String BSP_QUEUE = "otel.bsp.max.queue.size";
    static final String BSP_BATCH = "otel.bsp.max.export.batch.size";
    static final String BSP_TIMEOUT = "otel.bsp.export.timeout";
    static final String DEFAULT_ENDPOINT = "http://localhost:4318";

    private OtelSdkFactory() {
    }

    /** The SDK Vigil built, and what its close must release besides. */
    static final class Owned {
        final OpenTelemetrySdk sdk;
        /** The exporter the batch processor calls; shutting it down cancels an export in flight. */
        final SpanExporter exporter;
        /** The OTLP sender's threads, or null with an exporter of the application's. */
        final ExecutorService exportThreads;
        final ExportFailures failures;

        Owned(OpenTelemetrySdk sdk, SpanExporter exporter, ExecutorService exportThreads, ExportFailures failures) {
            this.sdk = sdk;
            this.exporter = exporter;
            this.exportThreads = exportThreads;
            this.failures = failures;
        }
    }

    static Owned build(VigilConfig config, DropCounting drops, SpanExporter exporterOverride) {
        // Read and check every key first, so a mistake fails install() before anything starts.
        int queue = (int) config.getLong(BSP_QUEUE, 2048, 1, 10_000_000);
        int batch = (int) config.getLong(BSP_BATCH, 512, 1, 10_000_000);
        if (batch > queue) {
            throw new IllegalArgumentException("Vigil setting '" + BSP_BATCH + "' (" + batch + ") must not exceed '"
                    + BSP_QUEUE + "' (" + queue + ")");
        }
        long delayMs = config.getLong(BSP_DELAY, 5_000, 0, 3_600_000);
        long bspTimeoutMs = config.getLong(BSP_TIMEOUT, 30_000, 0, 3_600_000);
        TraceSampling core = TraceSampling.fromConfig(config);
        ExecutorService threads = null;
        SpanExporter exporter;
        ExportFailures failures;
        if (exporterOverride != null) {
            exporter = exporterOverride;
            failures = new ExportFailures("the span exporter " + exporterOverride.getClass().getName(), bspTimeoutMs);
        } else {
            long timeoutMs = config.getLong(TRACES_TIMEOUT, config.getLong(TIMEOUT, 10_000, 0, 3_600_000), 0, 3_600_000);
            threads = ExportThreads.newExecutor(); // starts no thread before the first export
            try {
                exporter = otlpExporter(config, timeoutMs, threads);
            } catch (RuntimeException e) {
                threads.shutdown();
                throw e;
            }
            failures = new ExportFailures(ExportFailures.display(tracesEndpoint(config)), timeoutMs);
        }
        SpanExporter counted = drops.exporter(exporter, failures);

        BatchSpanProcessor bsp = BatchSpanProcessor.builder(counted)
                .setMaxQueueSize(queue)
                .setMaxExportBatchSize(batch)
                .setScheduleDelay(Duration.ofMillis(delayMs))
                .setExporterTimeout(Duration.ofMillis(bspTimeoutMs))
                .setMeterProvider(() -> drops)
                .setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
                .build();
        // The same decisions as TraceIdRatioBased at 0 and 1, without parsing the trace id for each span.
        Sampler ratio = core.ratio() >= 1 ? Sampler.alwaysOn() : core.ratio() <= 0 ? Sampler.alwaysOff()
                : Sampler.traceIdRatioBased(core.ratio());
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(resource(config))
                .setIdGenerator(new CoreIds.Ids())
                .setSampler(new CoreIds.Decision(core.isParentBased() ? Sampler.parentBased(ratio) : ratio))
                .setMeterProvider(MeterProvider::noop)
                .addSpanProcessor(bsp)
                .build();
        TrustedIds.trust(tracerProvider); // core's ids are valid by construction: spare the SDK re-checking them
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Owned(sdk, counted, threads, failures);
    }

    static Resource resource(VigilConfig config) {
        AttributesBuilder a = Attributes.builder().put(AttributeKey.stringKey("service.name"), config.serviceName());
        if (config.serviceVersion() != null) {
            a.put(AttributeKey.stringKey("service.version"), config.serviceVersion());
        }
        if (config.environment() != null) {
            a.put(AttributeKey.stringKey("deployment.environment.name"), config.environment());
        }
        return Resource.getDefault().merge(Resource.create(a.build()));
    }

    static String tracesEndpoint(VigilConfig config) {
        String traces = config.get(TRACES_ENDPOINT);
        if (traces != null) {
            return traces;
        }
        String base = config.get(ENDPOINT, DEFAULT_ENDPOINT);
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }

    /** Checks every exporter key (a mistake fails install) before building the exporter. */
    private static SpanExporter otlpExporter(VigilConfig config, long timeoutMs, ExecutorService threads) {
        String protocol = config.get(PROTOCOL, "http/protobuf");
        if (!protocol.equals("http/protobuf")) {
            throw new IllegalArgumentException("Vigil setting '" + PROTOCOL + "' is '" + protocol
                    + "'; vigil-tracing-otel exports with http/protobuf only");
        }
        String endpoint = tracesEndpoint(config);
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            // Not echoed: an endpoint may carry user info.
            String key = config.get(TRACES_ENDPOINT) != null ? TRACES_ENDPOINT : ENDPOINT;
            throw new IllegalArgumentException(config.describe(key) + " must be an http:// or https:// URL");
        }
        String compression = config.get(COMPRESSION);
        String c = compression == null ? null : compression.toLowerCase(Locale.ROOT);
        if (c != null && !c.equals("gzip") && !c.equals("none")) {
            throw new IllegalArgumentException("Vigil setting '" + COMPRESSION + "' must be gzip or none, not '" + compression + "'");
        }
        Map<String, String> headers = OtlpHeaders.parse(config, HEADERS);
        headers.putAll(OtlpHeaders.parse(config, TRACES_HEADERS));

        OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint)
                .setTimeout(Duration.ofMillis(timeoutMs))
                .setRetryPolicy(RetryPolicy.builder().setRetryExceptionPredicate(e -> false).build())
                .setExecutorService(threads)
                .setMeterProvider(MeterProvider::noop);
        if (c != null) {
            b.setCompression(c);
        }
        headers.forEach(b::addHeader);
        return b.build();
    }
}
