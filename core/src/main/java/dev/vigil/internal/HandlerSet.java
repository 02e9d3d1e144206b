package dev.vigil.internal;

import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.ObservationHandler.Interest;
import dev.vigil.spi.ObservationHandler.Order;
import java.util.ArrayList;
import java.util.List;

/**
 * The handlers one kind of observation (a sampled span, an unsampled span, an observation without a span) is
 * driven through, in their declared order, resolved once when Vigil is built: so core calls a handler only for
 * the observations its interest names, at the cost of one array read.
 */
final class HandlerSet {
    static final HandlerSet EMPTY = new HandlerSet(new ObservationHandler[0], new ObservationHandler[0], new int[0]);

    /** Called through the whole life cycle; their states are kept in this order. */
    final ObservationHandler[] started;
    /** Which of {@link #started} may replace the span ids in onStart. */
    final boolean[] tracing;
    /** Called at the stop of a failed observation: {@link #started} plus the failure-only handlers, in order. */
    final ObservationHandler[] failed;
    /** For each of {@link #failed}, the index of its state among {@link #started}, or -1 for none. */
    final int[] failedState;

    private HandlerSet(ObservationHandler[] started, ObservationHandler[] failed, int[] failedState) {
        this.started = started;
        this.failed = failed;
        this.failedState = failedState;
        this.tracing = new boolean[started.length];
        for (int i = 0; i < started.length; i++) {
            tracing[i] = Recorder.orderOf(started[i]) == Order.TRACING;
        }
    }

    /**
     * @param ordered every handler, already in their declared order
     * @param interests each handler's interest, aligned with {@code ordered}
     * @param wanted the interests that see the whole life cycle of this kind of observation
     */
    static HandlerSet of(List<ObservationHandler> ordered, List<Interest> interests, List<Interest> wanted) {
        List<ObservationHandler> started = new ArrayList<>();
        List<ObservationHandler> failed = new ArrayList<>();
        List<Integer> failedState = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Interest in = interests.get(i);
            if (wanted.contains(in)) {
                failedState.add(started.size());
                started.add(ordered.get(i));
                failed.add(ordered.get(i));
            } else if (in == Interest.FAILURES) {
                failedState.add(-1);
                failed.add(ordered.get(i));
            }
        }
        if (failed.isEmpty()) {
            return EMPTY;
        }
        return new HandlerSet(started.toArray(new ObservationHandler[0]), failed.toArray(new ObservationHandler[0]),
                failedState.stream().mapToInt(Integer::intValue).toArray());
    }

    /** @return whether no handler follows this kind of observation, not even on failure */
    boolean isEmpty() {
        return failed.length == 0;
    }
}
