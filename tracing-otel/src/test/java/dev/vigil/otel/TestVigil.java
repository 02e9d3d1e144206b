package dev.vigil.otel;

import dev.vigil.Vigil;
import dev.vigil.VigilBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;

/** Installs a Vigil whose only tracer is a fresh {@link OtelTracing} exporting to a loopback receiver, fast. */
final class TestVigil {
    /** The tracing backend of the last {@link #builder}, for {@link #flush()}. */
    private static volatile OtelTracing tracing;

    private TestVigil() {
    }

    static VigilBuilder builder(String endpoint) {
        // The bridge mode is chosen when core's context is first used; using it before OpenTelemetry's gives the
        // shared mode, which these tests exercise (the fallback mode has its own JVM, see FallbackBridgeTest).
        dev.vigil.context.Context.current();
        Vigil.resetGlobalForTest();
        return Vigil.builder()
                .discoverBackends(false)
                .serviceName("checkout").serviceVersion("1.4.2").environment("test")
                .property("otel.exporter.otlp.endpoint", endpoint)
                .property("otel.bsp.schedule.delay", "20")
                .backend(tracing = OtelTracing.builder().useGlobal(false).build());
    }

    /**
     * Exports every span ended so far and waits for the receiver's answer: the signal after which a span that is not
     * received was not ended.
     */
    static void flush() {
        OpenTelemetrySdk sdk = (OpenTelemetrySdk) tracing.openTelemetry();
        if (!sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess()) {
            throw new AssertionError("the flush did not complete within 10 s");
        }
    }

    static void close(Vigil vigil) {
        if (vigil != null) {
            vigil.close();
        }
        Vigil.resetGlobalForTest();
    }
}
