/**
 * Binds Vigil to OpenTelemetry: spans for {@code @Traced} methods, {@code vigil.observation(...)} and traced KPIs,
 * OTLP/HTTP export from an SDK that uses core's ids and sampling decision, and a bridge between core's trace context
 * and OpenTelemetry's. Adding the jar is the whole setup ({@link dev.vigil.otel.OtelBackendProvider}); use
 * {@link dev.vigil.otel.OtelTracing} to bring your own OpenTelemetry. See {@code docs/tracing.md}.
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder().serviceName("shop").install();     // discovered: OTLP to localhost:4318
 * Vigil vigil = Vigil.builder().backend(OtelTracing.of(otel)).install(); // or the application's OpenTelemetry
 * }</pre>
 */
package dev.vigil.otel;
