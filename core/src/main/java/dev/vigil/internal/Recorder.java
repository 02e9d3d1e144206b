package dev.vigil.internal;

import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.ObservationHandler.Interest;
import dev.vigil.spi.ObservationHandler.Order;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What instrumented code records into: the meter engine and the observation handlers of the installed
 * Vigil, sorted by their declared order and split by interest. Immutable and swapped whole on install and reset,
 * so instrumented code reads it with one volatile load and never sees half an installation.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class Recorder {
    /** Records nothing: before install and after reset. */
    public static final Recorder NOOP = new Recorder(null, new ObservationHandler[0], TraceSampler.DEFAULT, true);

    final MeterEngine engine;
    final TraceSampler sampler;
    /** Handlers of a span core sampled. */
    final HandlerSet sampledSpans;
    /** Handlers of a span core did not sample. */
    final HandlerSet unsampledSpans;
    /** Handlers of an observation without a span of its own (a {@code @Timed}-only method, an untraced KPI). */
    final HandlerSet nonSpans;
    /** Whether some handler sees failures of every kind, so nested failures are tracked for errorAlreadySeen. */
    final boolean tracksFailures;
    private final boolean noop;

    /**
     * @param engine the meter engine, or null when no metrics backend is installed
     * @param handlers the observation handlers, possibly none, in registration order
     * @param sampler assigns span ids and the sampling decision
     */
    public Recorder(MeterEngine engine, ObservationHandler[] handlers, TraceSampler sampler) {
        this(engine, handlers, sampler, false);
    }

    private Recorder(MeterEngine engine, ObservationHandler[] handlers, TraceSampler sampler, boolean noop) {
        this.engine = engine;
        this.sampler = sampler;
        this.noop = noop;
        List<ObservationHandler> ordered = new ArrayList<>(List.of(handlers));
        ordered.sort(Comparator.comparing(Recorder::orderOf)); // stable: registration order within one order
        List<Interest> interests = new ArrayList<>();
        boolean failures = false;
        for (ObservationHandler h : ordered) {
            Interest in = interestOf(h);
            interests.add(in);
            failures |= in == Interest.ALL || in == Interest.FAILURES;
        }
        this.tracksFailures = failures;
        sampledSpans = HandlerSet.of(ordered, interests, List.of(Interest.SAMPLED_SPANS, Interest.SPANS, Interest.ALL));
        unsampledSpans = HandlerSet.of(ordered, interests, List.of(Interest.SPANS, Interest.ALL));
        nonSpans = HandlerSet.of(ordered, interests, List.of(Interest.ALL));
    }

    static Order orderOf(ObservationHandler h) {
        try {
            Order o = h.order();
            return o == null ? Order.OTHER : o;
        } catch (Throwable t) {
            ApiWarnings.warn("handler-failure", "observation handler " + h.getClass().getName() + " threw in order(): " + t);
            return Order.OTHER;
        }
    }

    private static Interest interestOf(ObservationHandler h) {
        try {
            Interest i = h.interest();
            return i == null ? Interest.ALL : i;
        } catch (Throwable t) {
            ApiWarnings.warn("handler-failure", "observation handler " + h.getClass().getName() + " threw in interest(): " + t);
            return Interest.ALL;
        }
    }

    /** @return whether any handler follows any observation; without, a traced KPI needs no span of its own */
    public boolean hasHandlers() {
        return !sampledSpans.isEmpty() || !unsampledSpans.isEmpty() || !nonSpans.isEmpty();
    }

    /**
     * @return true before install: nothing records. An installed Vigil without backends still assigns span
     *     ids, so logs and propagation carry a trace even with no tracer.
     */
    public boolean isNoop() {
        return noop;
    }
}
