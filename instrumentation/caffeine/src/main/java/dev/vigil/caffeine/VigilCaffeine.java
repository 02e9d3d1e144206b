package dev.vigil.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.vigil.Vigil;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Binds Caffeine caches to Vigil's cache conventions: hits and misses to {@code cache.requests}, successful loads
 * to {@code cache.puts}, evictions to {@code cache.evictions} and the estimated size to {@code cache.size}, all
 * with {@code cache.name}.
 *
 * <pre>{@code
 * Cache<String, User> users = VigilCaffeine.build(vigil, "users", Caffeine.newBuilder().maximumSize(10_000));
 * }</pre>
 *
 * <p>Caffeine reports statistics through the {@link StatsCounter} a cache is built with, so the binding happens
 * at build time. To keep building the cache yourself, pass {@link #statsCounter(Vigil, String)} to
 * {@link Caffeine#recordStats(Supplier)} and call {@link #bindSize(Vigil, String, Cache)} on the result. Caffeine
 * does not report explicit {@code put} calls; count them with {@code vigil.cache(name).put()} where they matter.
 */
public final class VigilCaffeine {
    private VigilCaffeine() {
    }

    /**
     * Builds a cache whose statistics and size are Vigil metrics: the one call most applications need.
     *
     * @param vigil where to record
     * @param name the cache's name, the {@code cache.name} attribute
     * @param builder the configured builder; its stats counter is replaced by Vigil's
     * @param <K> the key type
     * @param <V> the value type
     * @return the built cache
     */
    public static <K, V> Cache<K, V> build(Vigil vigil, String name, Caffeine<Object, Object> builder) {
        Objects.requireNonNull(builder, "builder");
        Cache<K, V> cache = builder.recordStats(statsCounter(vigil, name)).build();
        return bindSize(vigil, name, cache);
    }

    /**
     * A stats counter supplier for {@link Caffeine#recordStats(Supplier)}: every hit, miss, load and eviction is
     * recorded as it happens. Caffeine's own {@code cache.stats()} keeps working.
     *
     * @param vigil where to record
     * @param name the cache's name
     * @return a supplier of Vigil's stats counter
     */
    public static Supplier<StatsCounter> statsCounter(Vigil vigil, String name) {
        dev.vigil.Cache metrics = Objects.requireNonNull(vigil, "vigil").cache(name);
        return () -> new VigilStatsCounter(metrics);
    }

    /**
     * Registers the {@code cache.size} gauge over {@link Cache#estimatedSize()}.
     *
     * @param vigil where to record
     * @param name the cache's name
     * @param cache the cache
     * @param <C> the cache type
     * @return the cache
     */
    public static <C extends Cache<?, ?>> C bindSize(Vigil vigil, String name, C cache) {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(vigil, "vigil").cache(name).size(cache::estimatedSize);
        return cache;
    }
}
