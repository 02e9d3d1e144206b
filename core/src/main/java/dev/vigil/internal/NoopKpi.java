package dev.vigil.internal;

import dev.vigil.Kpi;
import dev.vigil.KpiCounter;
import dev.vigil.KpiSummary;
import dev.vigil.KpiTimer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The KPI of a Vigil with no metrics backend: a stateless singleton, so a call costs a few nanoseconds
 * and allocates nothing. Work handed to {@code time} still runs.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class NoopKpi implements Kpi {
    /** The single instance. */
    public static final NoopKpi INSTANCE = new NoopKpi();

    private NoopKpi() {
    }

    @Override
    public Kpi tag(String key, String value) {
        return this;
    }

    @Override
    public Kpi unit(String unit) {
        return this;
    }

    @Override
    public Kpi description(String description) {
        return this;
    }

    @Override
    public Kpi buckets(double... boundaries) {
        return this;
    }

    @Override
    public Kpi traced() {
        return this;
    }

    @Override
    public void increment() {
    }

    @Override
    public void add(double amount) {
    }

    @Override
    public void record(double value) {
    }

    @Override
    public <T> T time(Supplier<T> work) {
        return work.get();
    }

    @Override
    public void time(Runnable work) {
        work.run();
    }

    @Override
    public <T> T gauge(T obj, ToDoubleFunction<T> valueFunction) {
        return obj;
    }

    @Override
    public KpiCounter counter() {
        return NoopHandles.INSTANCE;
    }

    @Override
    public KpiTimer timer() {
        return NoopHandles.INSTANCE;
    }

    @Override
    public KpiSummary summary() {
        return NoopHandles.INSTANCE;
    }
}
