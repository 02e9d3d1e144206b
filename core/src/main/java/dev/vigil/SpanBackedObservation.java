package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.ErrorTypes;
import dev.vigil.trace.SpanContext;
import java.util.List;

/**
 * An observation whose span is another observation, for conventions that record their own metrics at close
 * (messaging, GenAI pipelines): every call is passed on to the span, the error type is kept so that the metrics
 * carry the span's {@code error.type}, and a context entered for the observation (an extracted producer, a
 * pipeline's name) is left once the span is closed, before the metrics are recorded.
 */
abstract class SpanBackedObservation implements Observation {
    private final Observation span;
    private final Scope entered;
    private final long start = System.nanoTime();
    private volatile String errorType;
    private boolean closed;

    /**
     * @param span the observation that carries the span
     * @param entered a context to leave after the span, or {@code null}
     */
    SpanBackedObservation(Observation span, Scope entered) {
        this.span = span;
        this.entered = entered;
    }

    /** Records the convention's metrics; called once, after the span is closed and the context left. */
    abstract void record(long nanos, String errorType);

    /** Names the context left at close, for the warning when leaving it fails. */
    abstract String enteredContext();

    @Override
    public Observation tag(String key, String value) {
        span.tag(key, value);
        return this;
    }

    @Override
    public Observation updateName(String name) {
        span.updateName(name);
        return this;
    }

    @Override
    public Observation attribute(String key, String value) {
        span.attribute(key, value);
        return this;
    }

    @Override
    public Observation attribute(String key, long value) {
        span.attribute(key, value);
        return this;
    }

    @Override
    public Observation attribute(String key, double value) {
        span.attribute(key, value);
        return this;
    }

    @Override
    public Observation attribute(String key, boolean value) {
        span.attribute(key, value);
        return this;
    }

    @Override
    public Observation attribute(String key, List<String> values) {
        span.attribute(key, values);
        return this;
    }

    @Override
    public Observation error(Throwable error) {
        if (error != null && errorType == null) {
            errorType = ErrorTypes.of(error);
        }
        span.error(error);
        return this;
    }

    @Override
    public Observation errorType(String type) {
        if (type != null && !type.isEmpty()) {
            errorType = type;
        }
        span.errorType(type);
        return this;
    }

    @Override
    public Observation event(String eventName) {
        span.event(eventName);
        return this;
    }

    @Override
    public Scope makeCurrent() {
        return span.makeCurrent();
    }

    @Override
    public SpanContext spanContext() {
        return span.spanContext();
    }

    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long nanos = System.nanoTime() - start;
        try {
            span.close();
        } finally {
            if (entered != null) {
                try {
                    entered.close();
                } catch (RuntimeException e) {
                    ApiWarnings.warn("instrumentation", "could not leave " + enteredContext() + ": " + e);
                }
            }
        }
        record(nanos, errorType);
    }
}
