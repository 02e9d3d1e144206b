package dev.vigil.internal;

import dev.vigil.Kpi;
import dev.vigil.KpiCounter;
import dev.vigil.KpiSummary;
import dev.vigil.KpiTimer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The KPI of a Vigil with observation handlers (a tracer, an error reporter) but no metrics backend: it records no
 * meter, but its timed work is still an observation when traced or when a handler wants every observation, so
 * {@code kpi(name).traced().time(work)} makes a span and a failure reaches the handlers.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class UnmeteredKpi extends TagArgs implements Kpi {
    private final Recorder recorder;
    private final String name;
    private boolean traced;

    /**
     * @param recorder the handlers to drive
     * @param name the KPI name, the observation's name
     */
    public UnmeteredKpi(Recorder recorder, String name) {
        this.recorder = recorder;
        this.name = name;
    }

    @Override
    public Kpi tag(String key, String value) {
        if (key != null && value != null) {
            addTag(key, value);
        }
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
        traced = true;
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
        if (name == null || (!traced && recorder.nonSpans.isEmpty())) {
            return work.get();
        }
        ManualObservation o = ManualObservation.aroundKpi(recorder, name, this, traced);
        try {
            return work.get();
        } catch (Throwable t) {
            o.error(t);
            throw t;
        } finally {
            o.close();
        }
    }

    @Override
    public void time(Runnable work) {
        time(() -> {
            work.run();
            return null;
        });
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
