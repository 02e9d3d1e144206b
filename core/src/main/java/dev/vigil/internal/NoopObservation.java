package dev.vigil.internal;

import dev.vigil.Observation;
import dev.vigil.ObservationBuilder;
import dev.vigil.SpanKind;
import dev.vigil.context.Scope;
import dev.vigil.trace.SpanContext;

/**
 * The observation of a Vigil with nothing installed: a stateless singleton, so an observation costs a few
 * nanoseconds and allocates nothing.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class NoopObservation implements ObservationBuilder, Observation {
    /** The single instance. */
    public static final NoopObservation INSTANCE = new NoopObservation();

    private NoopObservation() {
    }

    @Override
    public NoopObservation kind(SpanKind kind) {
        return this;
    }

    @Override
    public NoopObservation tag(String key, String value) {
        return this;
    }

    @Override
    public NoopObservation updateName(String name) {
        return this;
    }

    @Override
    public NoopObservation attribute(String key, String value) {
        return this;
    }

    @Override
    public NoopObservation attribute(String key, long value) {
        return this;
    }

    @Override
    public NoopObservation attribute(String key, double value) {
        return this;
    }

    @Override
    public NoopObservation attribute(String key, boolean value) {
        return this;
    }

    @Override
    public NoopObservation timer(String metricName) {
        return this;
    }

    @Override
    public Observation start() {
        return this;
    }

    @Override
    public Observation startDetached() {
        return this;
    }

    @Override
    public Observation error(Throwable error) {
        return this;
    }

    @Override
    public Observation errorType(String errorType) {
        return this;
    }

    @Override
    public Observation event(String name) {
        return this;
    }

    @Override
    public Scope makeCurrent() {
        return Scope.noop();
    }

    @Override
    public SpanContext spanContext() {
        return SpanContext.invalid();
    }

    @Override
    public void close() {
    }
}
