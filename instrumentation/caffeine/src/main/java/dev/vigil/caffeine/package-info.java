/**
 * Caffeine caches measured through Vigil's cache conventions: {@link dev.vigil.caffeine.VigilCaffeine} binds a
 * cache's statistics to {@code cache.requests}, {@code cache.puts}, {@code cache.evictions} and {@code cache.size}.
 */
package dev.vigil.caffeine;
