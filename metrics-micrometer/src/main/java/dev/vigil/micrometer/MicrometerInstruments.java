package dev.vigil.micrometer;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.SummaryInstrument;
import dev.vigil.spi.TimerInstrument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The instruments handed to core. Each holds its Micrometer meter in a final field and calls it directly:
 * core has already validated the value and caches the instrument, so anything more here would only add
 * cost to the hottest path (a pre-bound counter is benchmarked against a raw {@code Counter.increment()}).
 */
final class MicrometerInstruments {
    /** Handed out after close, so that a late first use registers nothing in a registry that lives on. */
    static final CounterInstrument CLOSED_COUNTER = amount -> { };
    static final TimerInstrument CLOSED_TIMER = nanos -> { };
    static final SummaryInstrument CLOSED_SUMMARY = value -> { };

    private MicrometerInstruments() {
    }

    /** A Vigil counter over a Micrometer {@link Counter}. */
    static final class MicrometerCounter implements CounterInstrument {
        private final Counter counter;

        MicrometerCounter(Counter counter) {
            this.counter = counter;
        }

        @Override
        public void add(double amount) {
            counter.increment(amount);
        }

        @Override
        public String toString() {
            return "MicrometerCounter{" + counter.getId() + '}';
        }
    }

    /** A Vigil timer over a Micrometer {@link Timer}. */
    static final class MicrometerTimer implements TimerInstrument {
        private final Timer timer;

        MicrometerTimer(Timer timer) {
            this.timer = timer;
        }

        @Override
        public void recordNanos(long nanos) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public String toString() {
            return "MicrometerTimer{" + timer.getId() + '}';
        }
    }

    /** A Vigil summary over a Micrometer {@link DistributionSummary}. */
    static final class MicrometerSummary implements SummaryInstrument {
        private final DistributionSummary summary;

        MicrometerSummary(DistributionSummary summary) {
            this.summary = summary;
        }

        @Override
        public void record(double value) {
            summary.record(value);
        }

        @Override
        public String toString() {
            return "MicrometerSummary{" + summary.getId() + '}';
        }
    }
}
