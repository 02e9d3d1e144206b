package dev.vigil.spi;

/** The kinds of meter Vigil records. A name keeps one type for the life of a {@link dev.vigil.Vigil}. */
public enum MeterType {
    /** A monotonic sum; Prometheus {@code _total}. */
    COUNTER,
    /** A latency distribution in seconds with histogram buckets; Prometheus {@code _seconds}. */
    TIMER,
    /** A distribution of arbitrary values (sizes, amounts, scores). */
    SUMMARY,
    /** A sampled value read from a callback at collection time. */
    GAUGE
}
