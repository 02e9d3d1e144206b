package dev.vigil.internal;

import dev.vigil.Observation;
import dev.vigil.ObservationBuilder;
import dev.vigil.SpanKind;
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
    public ObservationBuilder kind(SpanKind kind) {
        return this;
    }

    @Override
    public ObservationBuilder tag(String key, String value) {
        return this;
    }

    @Override
    public NoopObservation attribute(String key, String value) {
        return this;
    }

    @Override
    public ObservationBuilder timer(String metricName) {
        return this;
    }

    @Override
    public Observation start() {
        return this;
    }

    @Override
    public Observation error(Throwable error) {
        return this;
    }

    @Override
    public SpanContext spanContext() {
        return SpanContext.invalid();
    }

    @Override
    public void close() {
    }
}
