/**
 * Trace identity without any tracing backend: {@link dev.vigil.trace.SpanContext} (ids as primitive longs, flags and
 * vendor {@link dev.vigil.trace.TraceState}), and the sampling core applies ({@link dev.vigil.trace.TraceSampling}), so
 * that a tracer decides as core does. Kept separate from OpenTelemetry
 * so that vigil-core stays dependency-free; adapters map these values to a backend's own types.
 */
package dev.vigil.trace;
