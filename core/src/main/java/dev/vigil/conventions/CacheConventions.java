package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.List;

/** Caches: Vigil's names in OpenTelemetry's style (OpenTelemetry defines none). */
public final class CacheConventions {
    /** Lookups, by result. */
    public static final MetricConvention REQUESTS = MetricConvention.builder("cache.requests", Instrument.COUNTER,
                    "{request}")
            .description("Cache lookups, by cache and result (hit or miss).")
            .required("cache.name", "cache.result")
            .build();
    /** Entries written. */
    public static final MetricConvention PUTS = MetricConvention.builder("cache.puts", Instrument.COUNTER, "{entry}")
            .description("Entries written to a cache.")
            .required("cache.name")
            .build();
    /** Entries evicted. */
    public static final MetricConvention EVICTIONS = MetricConvention.builder("cache.evictions", Instrument.COUNTER,
                    "{entry}")
            .description("Entries a cache evicted.")
            .required("cache.name")
            .build();
    /** Entries held now. */
    public static final MetricConvention SIZE = MetricConvention.builder("cache.size", Instrument.GAUGE, "{entry}")
            .description("Entries a cache holds now (an estimate where the cache gives one).")
            .required("cache.name")
            .build();

    private CacheConventions() {
    }

    /** @return the cache conventions */
    public static List<MetricConvention> all() {
        return List.of(REQUESTS, PUTS, EVICTIONS, SIZE);
    }
}
