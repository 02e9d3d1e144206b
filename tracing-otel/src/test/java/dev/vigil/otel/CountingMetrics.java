package dev.vigil.otel;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.SummaryInstrument;
import dev.vigil.spi.TimerInstrument;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.ToDoubleFunction;

/** A metrics backend that sums counters and counts timer recordings by spec, for {@code vigil.dropped} and friends. */
final class CountingMetrics implements MetricsBackend {
    final Map<String, DoubleAdder> sums = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "counting";
    }

    double sum(String spec) {
        DoubleAdder a = sums.get(spec);
        return a == null ? 0 : a.sum();
    }

    @Override
    public CounterInstrument counter(MeterSpec spec) {
        DoubleAdder a = sums.computeIfAbsent(spec.toString(), k -> new DoubleAdder());
        return a::add;
    }

    @Override
    public TimerInstrument timer(MeterSpec spec) {
        DoubleAdder a = sums.computeIfAbsent(spec.toString(), k -> new DoubleAdder());
        return nanos -> a.add(1);
    }

    @Override
    public SummaryInstrument summary(MeterSpec spec) {
        DoubleAdder a = sums.computeIfAbsent(spec.toString(), k -> new DoubleAdder());
        return a::add;
    }

    @Override
    public <T> void gauge(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
    }
}
