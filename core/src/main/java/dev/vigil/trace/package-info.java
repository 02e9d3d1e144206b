/**
 * Trace identity without any tracing backend: {@link dev.vigil.trace.SpanContext} (ids as primitive longs, flags and
 * vendor {@link dev.vigil.trace.TraceState}) and {@link dev.vigil.trace.IdGenerator}. Kept separate from OpenTelemetry
 * so that vigil-core stays dependency-free; adapters map these values to a backend's own types.
 */
package dev.vigil.trace;
