package dev.vigil;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.SummaryInstrument;
import dev.vigil.spi.TimerInstrument;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * A metrics backend for core's own tests: records what core hands it, keyed by {@link MeterSpec#toString()}
 * (for example {@code COUNTER orders.placed{plan=pro}}). The real registries are tested in their adapters.
 */
public class InMemoryMetrics implements MetricsBackend {
    /** Sums of counters and summaries, and counts of timers, by spec. */
    public final Map<String, DoubleAdder> sums = new ConcurrentHashMap<>();
    /** Recordings per spec. */
    public final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    /** Specs created, in any order. */
    public final Map<String, MeterSpec> specs = new ConcurrentHashMap<>();
    /** Gauge readers by spec. */
    public final Map<String, java.util.function.DoubleSupplier> gauges = new ConcurrentHashMap<>();
    /** When set, creating a meter throws it. */
    public volatile RuntimeException failOnCreate;

    @Override
    public String name() {
        return "in-memory";
    }

    private String register(MeterSpec spec) {
        if (failOnCreate != null) {
            throw failOnCreate;
        }
        String key = spec.toString();
        specs.put(key, spec);
        sums.computeIfAbsent(key, k -> new DoubleAdder());
        counts.computeIfAbsent(key, k -> new LongAdder());
        return key;
    }

    @Override
    public CounterInstrument counter(MeterSpec spec) {
        String key = register(spec);
        return amount -> {
            sums.get(key).add(amount);
            counts.get(key).increment();
        };
    }

    @Override
    public TimerInstrument timer(MeterSpec spec) {
        String key = register(spec);
        return nanos -> {
            sums.get(key).add(nanos / 1e9);
            counts.get(key).increment();
        };
    }

    @Override
    public SummaryInstrument summary(MeterSpec spec) {
        String key = register(spec);
        return value -> {
            sums.get(key).add(value);
            counts.get(key).increment();
        };
    }

    @Override
    public <T> void gauge(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
        String key = register(spec);
        WeakReference<T> ref = new WeakReference<>(obj);
        gauges.put(key, () -> {
            T o = ref.get();
            return o == null ? Double.NaN : valueFunction.applyAsDouble(o);
        });
    }

    /**
     * @param key a spec string
     * @return how many recordings it got, 0 when it does not exist
     */
    public long count(String key) {
        LongAdder a = counts.get(key);
        return a == null ? 0 : a.sum();
    }

    /**
     * @param key a spec string
     * @return its sum, 0 when it does not exist
     */
    public double sum(String key) {
        DoubleAdder a = sums.get(key);
        return a == null ? 0 : a.sum();
    }
}
