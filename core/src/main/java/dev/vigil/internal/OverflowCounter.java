package dev.vigil.internal;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MetricsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The overflow series of a counter name together with its count of folds, kept in core so that a folded
 * {@code increment()} costs one atomic add, as a cached one does: the series reads
 * {@code ones + others} and the folds read {@code ones + otherCount}. Backends that read function counters
 * get both that way; any other backend is pushed each recording into a plain counter of each spec.
 */
final class OverflowCounter implements CounterInstrument {
    /** Recordings of exactly 1, the common case: their sum is their count. */
    private final LongAdder ones = new LongAdder();
    private final DoubleAdder others = new DoubleAdder();
    private final LongAdder otherCount = new LongAdder();
    /** Plain counters of the backends that take no function counters; usually none. Set before publication. */
    private CounterInstrument[] pushedSeries;
    private CounterInstrument[] pushedFolds;

    private OverflowCounter() {
    }

    /**
     * Registers the overflow series and the fold counter with every backend.
     *
     * @param series the overflow series' spec
     * @param folds the spec of {@code vigil.metrics.overflow{metric}}
     * @return the counter to record into; safely published by the caller (a final field of its handle)
     * @throws RuntimeException when a backend fails: the caller turns it into a no-op and a warning
     */
    static OverflowCounter register(MetricsBackend[] backends, MeterSpec series, MeterSpec folds) {
        OverflowCounter c = new OverflowCounter();
        List<CounterInstrument> pushedSeries = new ArrayList<>();
        List<CounterInstrument> pushedFolds = new ArrayList<>();
        for (MetricsBackend b : backends) {
            if (!b.functionCounter(series, c, OverflowCounter::sum)) {
                pushedSeries.add(b.counter(series));
            }
            if (!b.functionCounter(folds, c, OverflowCounter::folds)) {
                pushedFolds.add(b.counter(folds));
            }
        }
        c.pushedSeries = pushedSeries.toArray(new CounterInstrument[0]);
        c.pushedFolds = pushedFolds.toArray(new CounterInstrument[0]);
        return c;
    }

    @Override
    public void add(double amount) {
        if (amount == 1.0) {
            ones.increment();
        } else {
            others.add(amount);
            otherCount.increment();
        }
        for (CounterInstrument p : pushedSeries) {
            p.add(amount);
        }
        for (CounterInstrument p : pushedFolds) {
            p.add(1);
        }
    }

    /** @return the sum of every recording folded into the series */
    double sum() {
        return ones.sum() + others.sum();
    }

    /** @return how many recordings were folded */
    double folds() {
        return ones.sum() + otherCount.sum();
    }
}
