package dev.vigil.micrometer;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Creates the {@link PrometheusMeterRegistry} that Vigil owns, in one place. Given a {@link SpanContext}
 * (core's current span, see {@link CoreSpanExemplars}), the registry samples exemplars (trace and span ids)
 * into histogram buckets and counters, shown when a scrape asks for OpenMetrics; given null, it records none
 * and its meters carry no exemplar sampler at all. Its wall clock is a {@link CoarseClock}.
 */
final class PrometheusRegistries {
    /**
     * Micrometer's defaults, except that exemplars stay on histogram buckets and counters: Micrometer turns on
     * {@code exemplarsOnAllMetricTypes}, which also puts them on {@code _count} lines, and strict OpenMetrics
     * parsers reject the whole scrape for that.
     */
    private static final PrometheusConfig CONFIG = new PrometheusConfig() {
        @Override
        public String get(String key) {
            return null;
        }

        @Override
        public java.util.Properties prometheusProperties() {
            java.util.Properties p = new java.util.Properties();
            p.putAll(PrometheusConfig.super.prometheusProperties());
            p.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
            return p;
        }
    };

    private PrometheusRegistries() {
    }

    /**
     * @param exemplars the current span, for exemplars; null for none
     * @return a new registry with Micrometer's defaults, exemplars on buckets and counters only
     */
    static PrometheusMeterRegistry create(SpanContext exemplars) {
        // A coarse wall clock: see CoarseClock. MicrometerMetrics closes it with the registry.
        return new PrometheusMeterRegistry(CONFIG, new PrometheusRegistry(), CoarseClock.open(), exemplars);
    }
}
