package dev.vigil.internal;

import dev.vigil.Kpi;
import dev.vigil.Vigil;
import dev.vigil.conventions.Conventions;
import dev.vigil.conventions.MetricConvention;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Records a point of a {@link MetricConvention} through Vigil's KPI path, taking name, unit, HELP text and
 * buckets from the definition, so that what is emitted and what is documented cannot drift. Tag pairs whose
 * value is null are left out (a conditional attribute that does not apply).
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ConventionMetrics {
    /** The conventions {@link Conventions#all()} lists, by identity: a lookup per recording costs a hash probe. */
    private static final Set<MetricConvention> LISTED = listed();

    private ConventionMetrics() {
    }

    /**
     * @param vigil where to record
     * @param c the convention
     * @param kv tag key/value pairs; null values are skipped
     * @return the KPI, named, described and tagged after the convention, for a handle to keep
     */
    public static Kpi kpi(Vigil vigil, MetricConvention c, String... kv) {
        Kpi k = vigil.kpi(c.name());
        // A listed convention's unit, HELP text and buckets are what the meter engine gives its name when it
        // creates a series (MeterDefaults); repeating them here would clone the buckets twice on every recording.
        if (!LISTED.contains(c)) {
            k.unit(c.unit()).description(c.description());
            if (c.instrument() == MetricConvention.Instrument.HISTOGRAM) {
                k.buckets(c.buckets());
            }
        }
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                k.tag(kv[i], kv[i + 1]);
            }
        }
        return k;
    }

    private static Set<MetricConvention> listed() {
        Set<MetricConvention> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(Conventions.all());
        return Collections.unmodifiableSet(set);
    }

    /**
     * Records a duration in nanoseconds on a histogram in seconds.
     *
     * @param vigil where to record
     * @param c a histogram convention of unit {@code s}
     * @param nanos the duration
     * @param kv tag key/value pairs; null values are skipped
     */
    public static void recordNanos(Vigil vigil, MetricConvention c, long nanos, String... kv) {
        try {
            kpi(vigil, c, kv).timer().recordNanos(nanos);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not record " + c.name() + ": " + e);
        }
    }

    /**
     * Records a value on a histogram of a unit other than seconds, or adds it to a counter.
     *
     * @param vigil where to record
     * @param c the convention
     * @param value the value
     * @param kv tag key/value pairs; null values are skipped
     */
    public static void record(Vigil vigil, MetricConvention c, double value, String... kv) {
        try {
            Kpi k = kpi(vigil, c, kv);
            if (c.instrument() == MetricConvention.Instrument.HISTOGRAM) {
                k.summary().record(value);
            } else {
                k.add(value);
            }
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not record " + c.name() + ": " + e);
        }
    }

    /**
     * Registers a gauge. Metrics backends may hold the supplier weakly: the caller keeps it reachable.
     *
     * @param vigil where to register
     * @param c a gauge or up-down-counter convention
     * @param value read at collection time
     * @param kv tag key/value pairs; null values are skipped
     */
    public static void gauge(Vigil vigil, MetricConvention c, DoubleSupplier value, String... kv) {
        try {
            kpi(vigil, c, kv).gauge(value, DoubleSupplier::getAsDouble);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not register " + c.name() + ": " + e);
        }
    }
}
