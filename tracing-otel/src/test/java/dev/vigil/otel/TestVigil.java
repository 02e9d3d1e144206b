package dev.vigil.otel;

import dev.vigil.Vigil;
import dev.vigil.VigilBuilder;

/** Installs a Vigil whose only tracer is a fresh {@link OtelTracing} exporting to a loopback receiver, fast. */
final class TestVigil {
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
                .backend(OtelTracing.builder().useGlobal(false).build());
    }

    static void close(Vigil vigil) {
        if (vigil != null) {
            vigil.close();
        }
        Vigil.resetGlobalForTest();
    }
}
