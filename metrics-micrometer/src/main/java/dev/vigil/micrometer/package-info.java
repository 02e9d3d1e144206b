/**
 * Binds Vigil to Micrometer: {@link dev.vigil.micrometer.MicrometerMetrics} records Vigil's KPIs,
 * timers, summaries and gauges as Micrometer meters, and serves the Prometheus scrape at
 * {@code /metrics} when the registry is a {@code PrometheusMeterRegistry}.
 *
 * <p>With this jar on the class path, {@link dev.vigil.micrometer.MicrometerBackendProvider} is found by
 * {@link java.util.ServiceLoader} and creates a Prometheus-backed backend: installing Vigil is the whole
 * setup. To record into an existing registry (Spring Boot's, say), pass it explicitly with
 * {@link dev.vigil.micrometer.MicrometerMetrics#of(io.micrometer.core.instrument.MeterRegistry)}.
 */
package dev.vigil.micrometer;
