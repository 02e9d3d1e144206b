package dev.vigil.micrometer;

import dev.vigil.VigilConfig;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.conventions.ServiceConventions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes {@link ServiceConventions#VERSION}: one gauge of value 1 whose labels say which release of which service
 * runs where, so that a dashboard can mark each deployment where a new {@code service_version} appears. Bound by the
 * backend like the JVM meters, not through core's recording path, so that it spends none of the user's budget of
 * metric names.
 */
final class ServiceVersionGauge {
    /** What {@code service.version} says when the service set none: a marker still shows on the first start. */
    static final String UNKNOWN_VERSION = "unknown";

    private Gauge gauge;

    /**
     * @param registry where to register
     * @param config the service's name, version and environment
     */
    synchronized void bindTo(MeterRegistry registry, VigilConfig config) {
        MetricConvention c = ServiceConventions.VERSION;
        String version = config.serviceVersion();
        Gauge.Builder<ServiceVersionGauge> b = Gauge.builder(c.name(), this, g -> 1.0)
                .description(c.description())
                .tag("service.name", config.serviceName())
                .tag("service.version", version == null || version.isBlank() ? UNKNOWN_VERSION : version.trim());
        String environment = config.environment();
        if (environment != null && !environment.isBlank()) {
            b.tag("deployment.environment.name", environment.trim());
        }
        gauge = b.register(registry);
    }

    /**
     * Removes the gauge: a registry the user owns outlives Vigil, and must not go on announcing a release.
     *
     * @param registry where it was registered
     */
    synchronized void remove(MeterRegistry registry) {
        if (gauge != null) {
            registry.remove(gauge);
            gauge = null;
        }
    }
}
