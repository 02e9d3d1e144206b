package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.List;

/**
 * The service itself: which release of which service runs where. Vigil's own name, in the style of
 * OpenTelemetry's resource attributes.
 */
public final class ServiceConventions {
    /**
     * Always 1, one series per running release: {@code vigil_service_version{service_version="1.4.2",...} 1}. A
     * dashboard draws a deployment marker where a new {@code service_version} appears, and a query joins it to any
     * other series ({@code * on (service) group_left (service_version) vigil_service_version}). Not named
     * {@code ..._info}: Prometheus' client reserves that suffix for its own info type and strips it from gauges.
     */
    public static final MetricConvention VERSION = MetricConvention.builder("vigil.service.version", Instrument.GAUGE,
                    "1")
            .description("Always 1: the service's name, version and deployment environment, as labels.")
            .required("service.name", "service.version")
            .conditional("deployment.environment.name")
            .build();

    private ServiceConventions() {
    }

    /** @return the service conventions */
    public static List<MetricConvention> all() {
        return List.of(VERSION);
    }
}
