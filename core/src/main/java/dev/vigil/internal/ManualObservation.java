package dev.vigil.internal;

import dev.vigil.KpiTimer;
import dev.vigil.Observation;
import dev.vigil.ObservationBuilder;
import dev.vigil.SpanKind;
import dev.vigil.spi.MeterType;
import dev.vigil.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;

/**
 * An observation started from {@code vigil.observation(name)} (or a traced KPI): the builder and, once
 * started, the observation itself, so a typical use allocates one object plus the span's own.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ManualObservation extends ActiveObservation implements ObservationBuilder, Observation {
    private final String name;
    private SpanKind kind = SpanKind.INTERNAL;
    private List<String> extra;
    private String timerName;
    private Throwable error;
    private long startNanos;
    private boolean started;
    private boolean closed;

    /**
     * @param recorder what to record into
     * @param name the span name
     */
    public ManualObservation(Recorder recorder, String name) {
        this.recorder = recorder;
        this.name = name == null || name.isEmpty() ? "unnamed" : name;
        if (name == null || name.isEmpty()) {
            ApiWarnings.warn("invalid-observation", "an observation needs a name; using 'unnamed'");
        }
    }

    @Override
    public ObservationBuilder kind(SpanKind kind) {
        if (kind != null) {
            this.kind = kind;
        }
        return this;
    }

    @Override
    public ObservationBuilder tag(String key, String value) {
        if (key == null || value == null) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a tag with a null key or value");
        } else if (!started) {
            addTag(key, value);
        }
        return this;
    }

    @Override
    public ManualObservation attribute(String key, String value) {
        if (key == null || value == null) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores an attribute with a null key or value");
        } else if (started) {
            if (context != null) {
                context.addAttribute(key, value);
            }
        } else {
            if (extra == null) {
                extra = new ArrayList<>(4);
            }
            extra.add(key);
            extra.add(value);
        }
        return this;
    }

    @Override
    public ObservationBuilder timer(String metricName) {
        this.timerName = metricName;
        return this;
    }

    @Override
    public Observation start() {
        if (started) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' was started twice");
            return this;
        }
        started = true;
        try {
            String[] attrs = toArray();
            if (extra != null) {
                String[] all = java.util.Arrays.copyOf(attrs, attrs.length + extra.size());
                for (int i = 0; i < extra.size(); i++) {
                    all[attrs.length + i] = extra.get(i);
                }
                attrs = all;
            }
            startSpan(name, kind, attrs);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to start: " + e);
        }
        startNanos = timerName != null ? System.nanoTime() : 0L;
        return this;
    }

    @Override
    public Observation error(Throwable error) {
        if (error != null) {
            this.error = error;
        }
        return this;
    }

    @Override
    public SpanContext spanContext() {
        return span();
    }

    @Override
    public void close() {
        if (!started || closed) {
            return;
        }
        closed = true;
        try {
            // The timer records while this observation's span is still current, so an exemplar points at it.
            MeterEngine engine = recorder.engine;
            if (timerName != null && engine != null) {
                long nanos = System.nanoTime() - startNanos;
                Object t = error == null
                        ? engine.lookup(MeterType.TIMER, timerName, this, "s", null, null)
                        : engine.lookupError(MeterType.TIMER, timerName, this, "s", null, null, error);
                ((KpiTimer) t).recordNanos(nanos);
            }
            closeScope();
            stopSpan(error);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to stop: " + e);
        }
    }
}
