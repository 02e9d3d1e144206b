package dev.vigil.otel;

import dev.vigil.VigilConfig;
import dev.vigil.spi.BackendProvider;
import dev.vigil.spi.VigilBackend;

/**
 * Discovered by {@code Vigil.builder().install()}: adding {@code vigil-tracing-otel} to the class path is the whole
 * setup. It uses the application's global OpenTelemetry (the Java agent's) when one is set, and otherwise builds an
 * SDK exporting OTLP/HTTP to {@code otel.exporter.otlp.endpoint}; see {@link OtelTracing}.
 *
 * <pre>{@code
 * // pom.xml: dev.vigil:vigil-tracing-otel; then
 * Vigil.builder().serviceName("shop").install(); // spans for every @Traced method
 * }</pre>
 *
 * <p>{@code vigil.otel.enabled=false} makes it take no part.
 */
public final class OtelBackendProvider implements BackendProvider {
    /** Key that disables the discovered backend; default true. */
    public static final String ENABLED = "vigil.otel.enabled";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public OtelBackendProvider() {
    }

    /**
     * @param config the resolved configuration
     * @return the backend, or null when {@code vigil.otel.enabled} is false
     */
    @Override
    public VigilBackend create(VigilConfig config) {
        return config.getBoolean(ENABLED, true) ? OtelTracing.builder().build() : null;
    }
}
