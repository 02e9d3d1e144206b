package dev.vigil.caffeine;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caffeine's statistics, recorded as Vigil's cache metrics and kept for {@link #snapshot()} so that
 * {@code cache.stats()} still answers. Called on Caffeine's hot path: Vigil's counters never throw.
 */
final class VigilStatsCounter implements StatsCounter {
    private final dev.vigil.Cache metrics;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loadSuccesses = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder loadTime = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder evictionWeight = new LongAdder();

    VigilStatsCounter(dev.vigil.Cache metrics) {
        this.metrics = metrics;
    }

    @Override
    public void recordHits(int count) {
        hits.add(count);
        metrics.requests(count, 0);
    }

    @Override
    public void recordMisses(int count) {
        misses.add(count);
        metrics.requests(0, count);
    }

    @Override
    public void recordLoadSuccess(long loadTimeNanos) {
        loadSuccesses.increment();
        loadTime.add(loadTimeNanos);
        metrics.put(); // a successful load writes the loaded entry
    }

    @Override
    public void recordLoadFailure(long loadTimeNanos) {
        loadFailures.increment();
        loadTime.add(loadTimeNanos);
    }

    @Override
    public void recordEviction(int weight, RemovalCause cause) {
        evictions.increment();
        evictionWeight.add(weight);
        metrics.eviction();
    }

    @Override
    public CacheStats snapshot() {
        return CacheStats.of(hits.sum(), misses.sum(), loadSuccesses.sum(), loadFailures.sum(), loadTime.sum(),
                evictions.sum(), evictionWeight.sum());
    }

    @Override
    public String toString() {
        return "VigilStatsCounter{" + metrics.name() + '}';
    }
}
