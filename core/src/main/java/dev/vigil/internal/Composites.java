package dev.vigil.internal;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.SummaryInstrument;
import dev.vigil.spi.TimerInstrument;

/** Fans one recording out to every metrics backend; with a single backend it adds no indirection. */
final class Composites {
    private Composites() {
    }

    static CounterInstrument counter(MetricsBackend[] backends, MeterSpec spec) {
        if (backends.length == 1) {
            return backends[0].counter(spec);
        }
        CounterInstrument[] all = new CounterInstrument[backends.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = backends[i].counter(spec);
        }
        return amount -> {
            for (CounterInstrument c : all) {
                c.add(amount);
            }
        };
    }

    static TimerInstrument timer(MetricsBackend[] backends, MeterSpec spec) {
        if (backends.length == 1) {
            return backends[0].timer(spec);
        }
        TimerInstrument[] all = new TimerInstrument[backends.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = backends[i].timer(spec);
        }
        return nanos -> {
            for (TimerInstrument t : all) {
                t.recordNanos(nanos);
            }
        };
    }

    static SummaryInstrument summary(MetricsBackend[] backends, MeterSpec spec) {
        if (backends.length == 1) {
            return backends[0].summary(spec);
        }
        SummaryInstrument[] all = new SummaryInstrument[backends.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = backends[i].summary(spec);
        }
        return value -> {
            for (SummaryInstrument s : all) {
                s.record(value);
            }
        };
    }
}
