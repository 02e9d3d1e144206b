package dev.vigil.internal;

import dev.vigil.KpiCounter;
import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;

/** A counter handle that validates, never throws (whatever the backend throws, Errors included), and becomes a warning no-op after close. */
final class SafeCounter implements KpiCounter {
    private final MeterEngine engine;
    private final MeterSpec spec;
    private final CounterInstrument delegate;

    SafeCounter(MeterEngine engine, MeterSpec spec, CounterInstrument delegate) {
        this.engine = engine;
        this.spec = spec;
        this.delegate = delegate;
    }

    @Override
    public void increment() {
        add(1.0);
    }

    @Override
    public void add(double amount) {
        if (engine.closed) {
            engine.warnClosed(spec.name());
            return;
        }
        if (!(amount >= 0.0) || amount == Double.POSITIVE_INFINITY) {
            ApiWarnings.warn("invalid-value", "counter '" + spec.name() + "' ignores the amount " + amount
                    + "; counters take finite, non-negative amounts");
            return;
        }
        try {
            delegate.add(amount);
        } catch (Throwable e) {
            ApiWarnings.warn("backend-failure", "counter '" + spec.name() + "' failed to record: " + e);
        }
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
