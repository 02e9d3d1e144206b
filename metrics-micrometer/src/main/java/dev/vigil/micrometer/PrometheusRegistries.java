package dev.vigil.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Creates the {@link PrometheusMeterRegistry} that Vigil owns, in one place. Given a {@link SpanContext}
 * (core's current span, see {@link CoreSpanExemplars}), the registry samples exemplars (trace and span ids)
 * into histogram buckets and counters, shown when a scrape asks for OpenMetrics; given null, it records none
 * and its meters carry no exemplar sampler at all.
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
