/**
 * Binds Vigil to the OpenTelemetry SDK: spans for {@code @Traced} methods and convention observations,
 * OTLP export, and a bridge between core's trace context and OpenTelemetry's. Filled by the tracing issue.
 */
package dev.vigil.otel;
