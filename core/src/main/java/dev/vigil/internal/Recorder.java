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
    public static final Recorder NOOP = new Recorder(null, new ObservationHandler[0]);

    final MeterEngine engine;
    final ObservationHandler[] handlers;

    /**
     * @param engine the meter engine, or null when no metrics backend is installed
     * @param handlers the observation handlers, possibly none
     */
    public Recorder(MeterEngine engine, ObservationHandler[] handlers) {
        this.engine = engine;
        this.handlers = handlers.clone();
    }

    /** @return true when recording would do nothing at all */
    boolean isNoop() {
        return engine == null && handlers.length == 0;
    }
}
