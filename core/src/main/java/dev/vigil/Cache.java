package dev.vigil;

import dev.vigil.conventions.CacheConventions;
import java.util.function.LongSupplier;

/**
 * The metrics of one cache: {@code cache.requests} by {@code cache.result} ({@code hit|miss}), {@code cache.puts},
 * {@code cache.evictions} and the {@code cache.size} gauge, all with {@code cache.name}. Returned by
 * {@link Vigil#cache(String)}, which hands out one instance per name, so calling it per lookup is cheap.
 *
 * <pre>{@code
 * vigil.cache("users").hit();
 * vigil.cache("users").miss();
 * vigil.cache("users").size(() -> cache.estimatedSize());
 * }</pre>
 *
 * <p>The hit ratio is documented in {@code docs/conventions.md}.
 */
public final class Cache {
    private final Vigil vigil;
    private final String name;
    private final KpiCounter hits;
    private final KpiCounter misses;
    private final KpiCounter puts;
    private final KpiCounter evictions;
    private volatile LongSupplier sizeSupplier;

    Cache(Vigil vigil, String name) {
        this.vigil = vigil;
        this.name = name;
        this.hits = requests(vigil, name, "hit");
        this.misses = requests(vigil, name, "miss");
        this.puts = vigil.kpi(CacheConventions.PUTS.name()).tag("cache.name", name).counter();
        this.evictions = vigil.kpi(CacheConventions.EVICTIONS.name()).tag("cache.name", name).counter();
    }

    private static KpiCounter requests(Vigil vigil, String name, String result) {
        return vigil.kpi(CacheConventions.REQUESTS.name()).tag("cache.name", name).tag("cache.result", result).counter();
    }

    /** Counts a lookup that found its entry. */
    public void hit() {
        hits.increment();
    }

    /** Counts a lookup that found nothing. */
    public void miss() {
        misses.increment();
    }

    /**
     * Counts lookups in bulk (for statistics a cache library keeps itself).
     *
     * @param hitCount lookups that found their entry
     * @param missCount lookups that found nothing
     */
    public void requests(long hitCount, long missCount) {
        if (hitCount > 0) {
            hits.add(hitCount);
        }
        if (missCount > 0) {
            misses.add(missCount);
        }
    }

    /** Counts an entry written. */
    public void put() {
        puts.increment();
    }

    /** Counts an entry the cache evicted. */
    public void eviction() {
        evictions.increment();
    }

    /**
     * Counts evictions in bulk.
     *
     * @param count entries evicted
     */
    public void evictions(long count) {
        if (count > 0) {
            evictions.add(count);
        }
    }

    /**
     * Registers the {@code cache.size} gauge, read at each scrape. The supplier is held by this object, which
     * {@link Vigil} keeps for its lifetime, so a lambda given here is not collected; a second call replaces it.
     *
     * @param entries how many entries the cache holds now
     * @return this cache
     */
    public Cache size(LongSupplier entries) {
        if (entries == null) {
            dev.vigil.internal.ApiWarnings.warn("invalid-cache-size", "cache '" + name + "' size needs a supplier");
            return this;
        }
        boolean first;
        synchronized (this) {
            first = sizeSupplier == null;
            sizeSupplier = entries;
        }
        if (first) {
            vigil.kpi(CacheConventions.SIZE.name()).tag("cache.name", name)
                    .gauge(this, c -> (double) c.sizeSupplier.getAsLong());
        }
        return this;
    }

    /** @return the cache's name, the {@code cache.name} attribute */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Cache{" + name + '}';
    }
}
