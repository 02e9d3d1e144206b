/**
 * Test support for Vigil's modules: {@link dev.vigil.testing.PrometheusConformance} holds a real Prometheus scrape
 * against the metric conventions of {@link dev.vigil.conventions.Conventions} and runs {@code promtool} on it.
 */
package dev.vigil.testing;
