package dev.vigil.internal;

import dev.vigil.KpiSummary;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.SummaryInstrument;

/** A summary handle that validates, never throws (whatever the backend throws, Errors included), and becomes a warning no-op after close. */
final class SafeSummary implements KpiSummary {
    private final MeterEngine engine;
    private final MeterSpec spec;
    private final SummaryInstrument delegate;

    SafeSummary(MeterEngine engine, MeterSpec spec, SummaryInstrument delegate) {
        this.engine = engine;
        this.spec = spec;
        this.delegate = delegate;
    }

    @Override
    public void record(double value) {
        if (engine.closed) {
            engine.warnClosed(spec.name());
            return;
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            ApiWarnings.warn("invalid-value", "summary '" + spec.name() + "' ignores the value " + value);
            return;
        }
        try {
            delegate.record(value);
        } catch (Throwable e) {
            ApiWarnings.warn("backend-failure", "summary '" + spec.name() + "' failed to record: " + e);
        }
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
