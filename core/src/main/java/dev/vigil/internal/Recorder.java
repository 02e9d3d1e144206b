package dev.vigil.internal;

import dev.vigil.spi.ObservationHandler;

/**
 * What instrumented code records into: the meter engine and the observation handlers of the installed
 * Vigil. Immutable and swapped whole on install and reset, so instrumented code reads it with one volatile
 * load and never sees half an installation.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class Recorder {
    /** Records nothing: before install and after reset. */
    public static final Recorder NOOP = new Recorder(null, new ObservationHandler[0], TraceSampler.DEFAULT, true);

    final MeterEngine engine;
    final ObservationHandler[] handlers;
    final TraceSampler sampler;
    /** Every handler ignores unsampled observations, so core need not call them (nor build their context). */
    final boolean handlersSampledOnly;
    private final boolean noop;

    /**
     * @param engine the meter engine, or null when no metrics backend is installed
     * @param handlers the observation handlers, possibly none
     * @param sampler assigns span ids and the sampling decision
     */
    public Recorder(MeterEngine engine, ObservationHandler[] handlers, TraceSampler sampler) {
        this(engine, handlers, sampler, false);
    }

    private Recorder(MeterEngine engine, ObservationHandler[] handlers, TraceSampler sampler, boolean noop) {
        this.engine = engine;
        this.handlers = handlers.clone();
        this.sampler = sampler;
        this.noop = noop;
        boolean all = true;
        for (ObservationHandler h : this.handlers) {
            all &= h.sampledOnly();
        }
        this.handlersSampledOnly = all;
    }

    /**
     * @return true before install: nothing records. An installed Vigil without backends still assigns span
     *     ids, so logs and propagation carry a trace even with no tracer.
     */
    public boolean isNoop() {
        return noop;
    }
}
