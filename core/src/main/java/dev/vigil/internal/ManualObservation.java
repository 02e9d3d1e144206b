package dev.vigil.internal;

import dev.vigil.KpiTimer;
import dev.vigil.Observation;
import dev.vigil.ObservationBuilder;
import dev.vigil.SpanKind;
import dev.vigil.context.Context;
import dev.vigil.spi.MeterType;

/**
 * An observation started from {@code vigil.observation(name)} (or around a KPI's timed work): the builder and, once
 * started, the observation and its handlers' context, so a typical use allocates one object plus the span's own.
 *
 * <p>Handlers see what {@link RecordedObservation} records; {@link ScopedObservation} runs its life cycle across
 * threads (start, current, close). {@link #close()} is the only method safe to race with others.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ManualObservation extends ScopedObservation implements ObservationBuilder, Observation {
    /** The span name; written by the owning thread only (see {@link #updateName}). */
    private String name;
    private boolean nameUpdated;
    private final boolean span;
    private SpanKind kind = SpanKind.INTERNAL;
    private String timerName;
    private String explicitErrorType;
    private long startNanos;

    /**
     * @param recorder what to record into
     * @param name the span name
     */
    public ManualObservation(Recorder recorder, String name) {
        this(recorder, name, true);
    }

    ManualObservation(Recorder recorder, String name, boolean span) {
        this.recorder = recorder;
        this.span = span;
        this.name = name == null || name.isEmpty() ? "unnamed" : name;
        if (name == null || name.isEmpty()) {
            ApiWarnings.warn("invalid-observation", "an observation needs a name; using 'unnamed'");
        }
    }

    /** Starts the observation around a KPI's timed work: its tags become attributes, the KPI records the timer. */
    static ManualObservation aroundKpi(Recorder recorder, String name, TagArgs tags, boolean span) {
        ManualObservation o = new ManualObservation(recorder, name, span);
        int count = tags.count();
        for (int i = 0; i < count; i++) {
            o.attribute(tags.key(i), tags.value(i));
        }
        o.start();
        return o;
    }

    @Override
    public ManualObservation kind(SpanKind kind) {
        if (kind != null && !isStarted()) {
            this.kind = kind;
        }
        return this;
    }

    @Override
    public ManualObservation timer(String metricName) {
        if (!isStarted()) {
            this.timerName = metricName;
        }
        return this;
    }

    @Override
    public ManualObservation link(dev.vigil.trace.SpanContext linked) {
        if (!isStarted()) {
            addLink(linked);
        }
        return this;
    }

    @Override
    public ManualObservation tag(String key, String value) {
        if (key == null || value == null) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a tag with a null key or value");
        } else if (!isStarted()) {
            putTag(key, value);
        } else if (!isClosed() && addEntry(key, value)) {
            putTag(key, value); // the timer is looked up at close, with the final tags
        }
        return this;
    }

    @Override
    public ManualObservation updateName(String newName) {
        if (newName == null || newName.isEmpty()) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a null or empty new name");
        } else if (!isStarted() || isClosed()) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a new name outside start and close");
        } else if (!newName.equals(name)) {
            name = newName;
            nameUpdated = true;
        }
        return this;
    }

    @Override
    public ManualObservation attribute(String key, String value) {
        return value == null ? nullValue(key) : attribute0(key, value);
    }

    @Override
    public ManualObservation attribute(String key, long value) {
        return attribute0(key, value);
    }

    @Override
    public ManualObservation attribute(String key, double value) {
        return attribute0(key, value);
    }

    @Override
    public ManualObservation attribute(String key, boolean value) {
        return attribute0(key, value);
    }

    @Override
    public ManualObservation attribute(String key, java.util.List<String> values) {
        if (values == null) {
            return nullValue(key);
        }
        java.util.List<String> copy = new java.util.ArrayList<>(values.size());
        for (String v : values) {
            if (v != null) {
                copy.add(v);
            }
        }
        return attribute0(key, java.util.Collections.unmodifiableList(copy));
    }

    private ManualObservation nullValue(String key) {
        ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores attribute '" + key + "' with a null value");
        return this;
    }

    private ManualObservation attribute0(String key, Object value) {
        if (key == null) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores an attribute with a null key");
        } else if (!isClosed()) {
            addEntry(key, value);
        }
        return this;
    }

    /**
     * Adds attributes before start from an array the caller builds once per kind of observation (alternating
     * {@code String} keys and non-null values, exactly full) and never changes: the observation reads it in place
     * rather than adding each entry, which matters on paths as short as a JDBC call.
     *
     * @param keysAndValues alternating keys and values, shared and never written
     * @return this builder
     */
    public ManualObservation sharedAttributes(Object[] keysAndValues) {
        if (!isStarted() && keysAndValues != null) {
            shareEntries(keysAndValues);
        }
        return this;
    }

    @Override
    public ManualObservation event(String eventName) {
        if (eventName == null) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores an event with a null name");
        } else if (!isStarted() || isClosed()) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores event '" + eventName
                    + "' outside start and close");
        } else {
            addEvent(eventName);
        }
        return this;
    }

    @Override
    public Observation start() {
        return begin0(true);
    }

    @Override
    public Observation startDetached() {
        return begin0(false);
    }

    private Observation begin0(boolean current) {
        if (startOnce(current)) {
            startNanos = timerName != null ? System.nanoTime() : 0L;
        }
        return this;
    }

    @Override
    public ManualObservation error(Throwable error) {
        if (error != null && !isClosed()) {
            this.error = error;
        }
        return this;
    }

    @Override
    public ManualObservation errorType(String errorType) {
        if (errorType == null || errorType.isEmpty()) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a null or empty error type");
        } else if (!isClosed()) {
            this.explicitErrorType = errorType;
        }
        return this;
    }

    @Override
    void recordAtClose(boolean here) {
        try {
            recordTimer(here);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to record its timer: " + e);
        }
    }

    /** Records while this observation's span is current on the recording thread, so an exemplar points at it. */
    private void recordTimer(boolean here) {
        MeterEngine engine = recorder.engine;
        if (timerName == null || engine == null) {
            return;
        }
        long nanos = System.nanoTime() - startNanos;
        Context ctx = null;
        Object token = null;
        if (!here && spanContext().isValid() && Context.current().span() != spanContext()) {
            ctx = Context.current().withSpan(spanContext());
            token = ContextAccess.enter(ctx);
        }
        try {
            Object t;
            if (explicitErrorType != null) {
                putTag("error.type", explicitErrorType);
                t = engine.lookup(MeterType.TIMER, timerName, this, "s", null, null);
            } else if (error != null) {
                t = engine.lookupError(MeterType.TIMER, timerName, this, "s", null, null, error);
            } else {
                t = engine.lookup(MeterType.TIMER, timerName, this, "s", null, null);
            }
            ((KpiTimer) t).recordNanos(nanos);
        } finally {
            if (ctx != null) {
                ContextAccess.exit(ctx, token);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean nameUpdated() {
        return nameUpdated;
    }

    @Override
    public SpanKind kind() {
        return kind;
    }

    @Override
    public boolean isSpan() {
        return span;
    }

    @Override
    public String errorType() {
        String t = explicitErrorType;
        return t != null ? t : super.errorType();
    }
}
