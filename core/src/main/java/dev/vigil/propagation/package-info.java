/**
 * W3C Trace Context and W3C Baggage propagation, independent of OpenTelemetry and of any transport.
 *
 * <p>{@link dev.vigil.propagation.Propagation#w3c()} extracts and injects a
 * {@link dev.vigil.propagation.PropagatedContext} through a {@link dev.vigil.propagation.TextMapGetter} /
 * {@link dev.vigil.propagation.TextMapSetter}; ready-made adapters cover the JDK HTTP server
 * ({@link dev.vigil.propagation.HttpExchangePropagation}), the JDK HTTP client
 * ({@link dev.vigil.propagation.HttpClientPropagation}) and message headers held as a map
 * ({@link dev.vigil.propagation.MapPropagation}). Extraction never throws: malformed input yields an invalid or empty
 * value, never a partial one, and the work done on hostile input is bounded.
 */
package dev.vigil.propagation;
