package dev.vigil.internal;

import dev.vigil.KpiTimer;
import dev.vigil.Observation;
import dev.vigil.ObservationBuilder;
import dev.vigil.SpanKind;
import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.spi.MeterType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An observation started from {@code vigil.observation(name)} (or around a KPI's timed work): the builder and, once
 * started, the observation and its handlers' context, so a typical use allocates one object plus the span's own.
 *
 * <p>Handlers see what {@link RecordedObservation} records. {@link #close()} is the only method safe to race with
 * others.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ManualObservation extends RecordedObservation implements ObservationBuilder, Observation {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(ManualObservation.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The span name; written by the owning thread only (see {@link #updateName}). */
    private String name;
    private boolean nameUpdated;
    private final boolean span;
    private SpanKind kind = SpanKind.INTERNAL;
    private String timerName;
    private String explicitErrorType;
    private long startNanos;
    /** The thread of {@link #start()}, where the observation is current; null when detached. */
    private Thread owner;
    private boolean started;
    @SuppressWarnings("unused") // through CLOSED
    private volatile int closed;

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
        if (kind != null && !started) {
            this.kind = kind;
        }
        return this;
    }

    @Override
    public ManualObservation timer(String metricName) {
        if (!started) {
            this.timerName = metricName;
        }
        return this;
    }

    @Override
    public ManualObservation link(dev.vigil.trace.SpanContext linked) {
        if (!started) {
            addLink(linked);
        }
        return this;
    }

    @Override
    public ManualObservation tag(String key, String value) {
        if (key == null || value == null) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a tag with a null key or value");
        } else if (!started) {
            putTag(key, value);
        } else if (closed == 0 && addEntry(key, value)) {
            putTag(key, value); // the timer is looked up at close, with the final tags
        }
        return this;
    }

    @Override
    public ManualObservation updateName(String newName) {
        if (newName == null || newName.isEmpty()) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a null or empty new name");
        } else if (!started || closed != 0) {
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
        } else if (closed == 0) {
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
        if (!started && keysAndValues != null) {
            shareEntries(keysAndValues);
        }
        return this;
    }

    @Override
    public ManualObservation event(String eventName) {
        if (eventName == null) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores an event with a null name");
        } else if (!started || closed != 0) {
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
        if (started) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' was started twice");
            return this;
        }
        started = true;
        freezeStart();
        try {
            begin(current);
            if (current) {
                owner = Thread.currentThread();
            }
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to start: " + e);
        }
        startNanos = timerName != null ? System.nanoTime() : 0L;
        return this;
    }

    @Override
    public ManualObservation error(Throwable error) {
        if (error != null && closed == 0) {
            this.error = error;
        }
        return this;
    }

    @Override
    public ManualObservation errorType(String errorType) {
        if (errorType == null || errorType.isEmpty()) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' ignores a null or empty error type");
        } else if (closed == 0) {
            this.explicitErrorType = errorType;
        }
        return this;
    }

    @Override
    public Scope makeCurrent() {
        if (!started) {
            ApiWarnings.warn("invalid-observation", "observation '" + name + "' must be started before makeCurrent()");
            return Scope.noop();
        }
        try {
            Context next = Context.current().withSpan(spanContext());
            if (link != null) {
                next = next.with(FailureLink.OWNER, this);
            }
            Scope scope = next.makeCurrent();
            if (closed != 0 || !hasScopeHandlers()) {
                return scope;
            }
            openHandlerScopes();
            return new HandlerScope(this, scope);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to become current: " + e);
            return Scope.noop();
        }
    }

    /**
     * Restores, on the starting thread, the context from before this observation, leaving it running until
     * {@link #close()}: for a call whose outcome waits for the method around it, which must find its own context
     * current when it ends. Elsewhere, and when not started or closed, does nothing. Never throws.
     */
    public void leaveScope() {
        if (!started || closed != 0 || owner != Thread.currentThread()) {
            return;
        }
        try {
            closeScope();
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to restore the context: " + e);
        }
    }

    @Override
    public void close() {
        if (!started || !CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        boolean here = owner == Thread.currentThread();
        try {
            recordTimer(here);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to record its timer: " + e);
        }
        try {
            if (here) {
                closeScope();
            } else {
                abandonScope();
            }
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to restore the context: " + e);
        } finally {
            try {
                stop(null);
            } catch (Throwable e) {
                ApiWarnings.warn("instrumentation", "observation '" + name + "' failed to stop: " + e);
            }
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
