package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.conventions.GenAiConventions;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.ConventionMetrics;
import dev.vigil.internal.ErrorTypes;
import dev.vigil.trace.SpanContext;

/** A pipeline's observation: its span, its duration recorded at close with the span's error type, and its name in the context. */
final class GenAiPipelineObservation implements Observation {
    private final Vigil vigil;
    private final String name;
    private final Observation span;
    private final Scope named;
    private final long start = System.nanoTime();
    private volatile String errorType;
    private boolean closed;

    GenAiPipelineObservation(Vigil vigil, String name, Observation span, Scope named) {
        this.vigil = vigil;
        this.name = name;
        this.span = span;
        this.named = named;
    }

    @Override
    public Observation tag(String key, String value) {
        span.tag(key, value);
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
    public Observation attribute(String key, java.util.List<String> values) {
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
    public void close() {
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
            try {
                named.close();
            } catch (RuntimeException e) {
                ApiWarnings.warn("instrumentation", "could not leave the context of pipeline '" + name + "': " + e);
            }
        }
        ConventionMetrics.recordNanos(vigil, GenAiConventions.PIPELINE_DURATION, nanos, "gen_ai.pipeline.name", name,
                "error.type", errorType);
    }
}
