package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.ConventionMetrics;
import dev.vigil.internal.ErrorTypes;
import dev.vigil.trace.SpanContext;
import java.util.Arrays;

/**
 * A messaging observation: the span's own observation, plus the duration and message count recorded at close
 * with the same {@code error.type}, and the extracted producer context left once the span is closed.
 */
final class MessagingObservation implements Observation {
    private final Vigil vigil;
    private final Observation span;
    private final Scope parentScope;
    private final MetricConvention duration;
    private final MetricConvention count;
    private final String[] kv;
    private final long start = System.nanoTime();
    private String errorType;
    private boolean closed;

    MessagingObservation(Vigil vigil, Observation span, Scope parentScope, MetricConvention duration,
                         MetricConvention count, String... kv) {
        this.vigil = vigil;
        this.span = span;
        this.parentScope = parentScope;
        this.duration = duration;
        this.count = count;
        this.kv = kv;
    }

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
    public Observation event(String name) {
        span.event(name);
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
        if (closed) {
            return;
        }
        closed = true;
        long nanos = System.nanoTime() - start;
        try {
            span.close();
        } finally {
            if (parentScope != null) {
                try {
                    parentScope.close();
                } catch (RuntimeException e) {
                    ApiWarnings.warn("instrumentation", "could not leave the message's context: " + e);
                }
            }
        }
        String[] all = Arrays.copyOf(kv, kv.length + 2);
        all[kv.length] = "error.type";
        all[kv.length + 1] = errorType;
        ConventionMetrics.recordNanos(vigil, duration, nanos, all);
        String[] counted = all.clone();
        for (int i = 0; i < counted.length; i += 2) {
            if ("messaging.operation.type".equals(counted[i])) {
                counted[i + 1] = null; // the message counters carry no operation type
            }
        }
        ConventionMetrics.record(vigil, count, 1, counted);
    }
}
