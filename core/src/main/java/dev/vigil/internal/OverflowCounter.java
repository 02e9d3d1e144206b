package dev.vigil.internal;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MetricsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The overflow series of a counter name together with its count of folds, kept in core so that a folded
 * {@code increment()} costs one atomic add, as a cached one does: the series reads
 * {@code ones + others} and the folds read {@code ones + otherCount}. Backends that read function counters
 * get both that way; any other backend is pushed each recording into a plain counter of each spec.
 *
 * <p>One per name ({@link MeterFamily#overflowCounter()}), so that every thread records into the object the
 * backends read, whoever registered it first.
 */
final class OverflowCounter implements CounterInstrument {
    /** Recordings of exactly 1, the common case: their sum is their count. */
    private final LongAdder ones = new LongAdder();
    private final DoubleAdder others = new DoubleAdder();
    private final LongAdder otherCount = new LongAdder();
    /** The plain counters (series, then folds) of backends without function counters; set by the first register. */
    private final AtomicReference<CounterInstrument[][]> pushed = new AtomicReference<>();

    /**
     * Registers the overflow series and the fold counter with every backend; must return before this counter
     * records. Safe to call from several threads at once: each registers this same object (a backend keeps
     * the first registration of a meter), and a plain counter is created or found, so all get the same ones.
     *
     * @param series the overflow series' spec
     * @param folds the spec of {@code vigil.metrics.overflow{metric}}
     * @throws RuntimeException when a backend fails: the caller turns it into a no-op and a warning
     */
    void register(MetricsBackend[] backends, MeterSpec series, MeterSpec folds) {
        List<CounterInstrument> pushedSeries = new ArrayList<>();
        List<CounterInstrument> pushedFolds = new ArrayList<>();
        for (MetricsBackend b : backends) {
            if (!b.functionCounter(series, this, OverflowCounter::sum)) {
                pushedSeries.add(b.counter(series));
            }
            if (!b.functionCounter(folds, this, OverflowCounter::folds)) {
                pushedFolds.add(b.counter(folds));
            }
        }
        pushed.compareAndSet(null, new CounterInstrument[][] {
            pushedSeries.toArray(new CounterInstrument[0]), pushedFolds.toArray(new CounterInstrument[0])});
    }

    @Override
    public void add(double amount) {
        if (amount == 1.0) {
            ones.increment();
        } else {
            others.add(amount);
            otherCount.increment();
        }
        CounterInstrument[][] p = pushed.get();
        if (p != null) {
            for (CounterInstrument c : p[0]) {
                c.add(amount);
            }
            for (CounterInstrument c : p[1]) {
                c.add(1);
            }
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
