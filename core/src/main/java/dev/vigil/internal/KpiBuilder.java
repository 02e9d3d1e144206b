package dev.vigil.internal;

import dev.vigil.Kpi;
import dev.vigil.KpiCounter;
import dev.vigil.KpiSummary;
import dev.vigil.KpiTimer;
import dev.vigil.spi.MeterType;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The fluent KPI of an installed Vigil. Mutable and single-use on purpose: built, tagged and recorded in
 * one statement, it never escapes, so the JIT can scalar-replace it and a repeated fluent call allocates
 * nothing (see {@code docs/performance.md}).
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class KpiBuilder extends TagArgs implements Kpi {
    // Two fields plus TagArgs' five: 40 bytes, so even when the JIT keeps the builder it stays small.
    private final MeterEngine engine;
    private final String name;

    /**
     * @param engine the engine to record into
     * @param name the KPI name
     */
    public KpiBuilder(MeterEngine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    @Override
    public Kpi traced() {
        extra().traced = true;
        return this;
    }

    private boolean isTraced() {
        Extra e = extra;
        return e != null && e.traced && engine.recorder != null && name != null;
    }

    @Override
    public Kpi tag(String key, String value) {
        if (key == null || value == null) {
            extra().invalidTag = true;
        } else {
            addTag(key, value);
        }
        return this;
    }

    @Override
    public Kpi unit(String unit) {
        extra().unit = unit;
        return this;
    }

    @Override
    public Kpi description(String description) {
        extra().description = description;
        return this;
    }

    @Override
    public Kpi buckets(double... boundaries) {
        extra().buckets = boundaries == null ? null : boundaries.clone();
        return this;
    }

    private Object handle(MeterType type) {
        Extra e = extra;
        if (e == null) {
            return engine.lookup(type, name, this, null, null, null);
        }
        if (e.invalidTag) {
            ApiWarnings.warn("invalid-meter", "KPI '" + name + "' has a tag with a null key or value; the recording is ignored");
            return NoopHandles.INSTANCE;
        }
        return engine.lookup(type, name, this, e.unit, e.description, e.buckets);
    }

    @Override
    public void increment() {
        counter().increment();
    }

    @Override
    public void add(double amount) {
        counter().add(amount);
    }

    @Override
    public void record(double value) {
        summary().record(value);
    }

    /**
     * Times the work. It is also an observation when traced (a span) or when a handler wants every observation
     * (an error reporter): then a failure reaches the handlers too. The timer itself is the KPI's.
     */
    @Override
    public <T> T time(Supplier<T> work) {
        Recorder r = engine.recorder;
        boolean traced = isTraced();
        if (!traced && (r == null || r.nonSpans.isEmpty())) {
            return timer().time(work);
        }
        ManualObservation o = ManualObservation.aroundKpi(r, name, this, traced);
        try {
            return timer().time(work);
        } catch (Throwable t) {
            o.error(t);
            throw t;
        } finally {
            o.close();
        }
    }

    @Override
    public void time(Runnable work) {
        Recorder r = engine.recorder;
        if (!isTraced() && (r == null || r.nonSpans.isEmpty())) {
            timer().time(work);
            return;
        }
        time(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public <T> T gauge(T obj, ToDoubleFunction<T> valueFunction) {
        Extra e = extra;
        if (e != null && e.invalidTag) {
            ApiWarnings.warn("invalid-meter", "gauge '" + name + "' has a tag with a null key or value; it is ignored");
        } else {
            engine.gauge(name, toArray(), e == null ? null : e.unit, e == null ? null : e.description, obj, valueFunction);
        }
        return obj;
    }

    @Override
    public KpiCounter counter() {
        return (KpiCounter) handle(MeterType.COUNTER);
    }

    @Override
    public KpiTimer timer() {
        return (KpiTimer) handle(MeterType.TIMER);
    }

    @Override
    public KpiSummary summary() {
        return (KpiSummary) handle(MeterType.SUMMARY);
    }
}
