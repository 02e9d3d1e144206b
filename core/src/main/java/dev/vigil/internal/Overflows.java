package dev.vigil.internal;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MeterType;
import dev.vigil.spi.SummaryInstrument;
import dev.vigil.spi.TimerInstrument;
import java.util.function.ToDoubleFunction;

/**
 * What happens past a name's budget of tag sets: the recording goes to the name's one overflow series, tagged
 * only {@code otel.metric.overflow="true"}, and is counted in {@code vigil.metrics.overflow{metric}}; the
 * first fold of a name is logged once. Also creates Vigil's own cardinality counters, which bypass the budgets
 * they report on (the names budget bounds their tag values).
 */
final class Overflows {
    private static final String[] OVERFLOW_TAGS = {MeterEngine.OVERFLOW_KEY, "true"};
    private static final CounterInstrument NONE = amount -> { };

    private Overflows() {
    }

    /**
     * Creates the overflow handle of a counter, timer or summary name, and publishes it once.
     *
     * @return the name's overflow handle, whoever created it
     */
    static Object handle(MeterEngine engine, MeterFamily f, String unit, String description, double[] buckets) {
        MeterSpec spec = MeterSpec.of(f.type, f.name, unit, description, OVERFLOW_TAGS, buckets);
        Object handle;
        try {
            handle = create(engine, spec, f);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("backend-failure", "the metrics backend could not create " + spec + ": " + e
                    + "; recordings past the budget are ignored");
            handle = NoopHandles.of(f.type);
        }
        Object published = f.publishOverflow(handle);
        if (published == handle) {
            warnFirstFold(f);
        }
        return published;
    }

    private static Object create(MeterEngine engine, MeterSpec spec, MeterFamily f) {
        if (spec.type() == MeterType.COUNTER) {
            // The common case of an explosion: one atomic add per folded increment, as for a cached one.
            OverflowCounter cell = f.overflowCounter();
            cell.register(engine.backendsView(), spec, foldSpec(f));
            return new SafeCounter(engine, spec, cell);
        }
        CounterInstrument folds = foldCounter(engine, f);
        switch (spec.type()) {
            case TIMER: {
                TimerInstrument t = Composites.timer(engine.backendsView(), spec);
                return new SafeTimer(engine, spec, nanos -> {
                    t.recordNanos(nanos);
                    folds.add(1);
                });
            }
            case SUMMARY: {
                SummaryInstrument s = Composites.summary(engine.backendsView(), spec);
                return new SafeSummary(engine, spec, value -> {
                    s.record(value);
                    folds.add(1);
                });
            }
            default:
                throw new IllegalArgumentException(spec.type().name());
        }
    }

    /** Folds a gauge past its name's budget into the name's overflow gauge, which reads the sum of all. */
    static <T> void foldGauge(MeterEngine engine, MeterFamily f, String unit, String description, T obj,
                              ToDoubleFunction<T> fn) {
        OverflowGauge g = (OverflowGauge) f.overflow();
        if (g == null) {
            OverflowGauge candidate = new OverflowGauge(f.name, foldCounter(engine, f));
            g = (OverflowGauge) f.publishOverflow(candidate);
            if (g == candidate) {
                // Only the first registers it: a backend keeps the first object a gauge was registered with.
                MeterSpec spec = MeterSpec.of(MeterType.GAUGE, f.name, unit, description, OVERFLOW_TAGS, null);
                engine.registerGauge(spec, g, OverflowGauge::sum);
                warnFirstFold(f);
            }
        }
        g.add(obj, fn);
        add(g.folds);
    }

    private static CounterInstrument foldCounter(MeterEngine engine, MeterFamily f) {
        return counter(engine, foldSpec(f));
    }

    private static MeterSpec foldSpec(MeterFamily f) {
        return MeterSpec.of(MeterType.COUNTER, MeterEngine.OVERFLOW_METER, null,
                "recordings and gauges folded into a metric's overflow series", new String[] {"metric", f.name}, null);
    }

    private static void warnFirstFold(MeterFamily f) {
        // Once per name, so the rate limit of ApiWarnings must not swallow it; the names budget bounds the lines.
        ApiWarnings.warnNow("cardinality", "meter '" + f.name + "' reached its budget of " + f.size()
                + " tag sets (vigil.metrics.max-tag-sets); further tag sets are recorded in one series tagged "
                + MeterEngine.OVERFLOW_KEY + "=\"true\" and counted in " + MeterEngine.OVERFLOW_METER);
    }

    /**
     * One of Vigil's own counters, straight from the backends: never folded, never refused.
     *
     * @return the counter, or one that counts nothing when a backend fails
     */
    static CounterInstrument counter(MeterEngine engine, String name, String description, String... kv) {
        return counter(engine, MeterSpec.of(MeterType.COUNTER, name, null, description, kv, null));
    }

    private static CounterInstrument counter(MeterEngine engine, MeterSpec spec) {
        try {
            return Composites.counter(engine.backendsView(), spec);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("backend-failure", "the metrics backend could not create " + spec + ": " + e);
            return NONE;
        }
    }

    /** Adds one; a backend failure is not the host's problem. */
    static void add(CounterInstrument c) {
        try {
            c.add(1);
        } catch (RuntimeException | LinkageError ignored) {
            // counted nowhere, as the recording it would have counted
        }
    }
}
