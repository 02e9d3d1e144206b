/**
 * Vigil's API: {@link dev.vigil.Vigil} and its builder, the fluent {@link dev.vigil.Kpi}, health checks and
 * configuration. It has no runtime dependency; adapters on the class path bring the real backends.
 */
package dev.vigil;
