package dev.vigil.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Creates the {@link PrometheusMeterRegistry} that Vigil owns, in one place: the seam where the tracing
 * module will pass a {@link SpanContext} so that histogram buckets and counters carry exemplars
 * (trace and span ids). Until then there is none, and the registry records no exemplars.
 */
final class PrometheusRegistries {
    private PrometheusRegistries() {
    }

    /**
     * @param exemplars the current span, for exemplars; null for none
     * @return a new registry with Micrometer's defaults
     */
    static PrometheusMeterRegistry create(SpanContext exemplars) {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM, exemplars);
    }
}
