package dev.vigil.internal;

import dev.vigil.spi.ObservationHandler;

/**
 * Drives observation handlers and shields the host from them: whatever a handler throws (a {@code LinkageError}
 * included) is warned about at a limited rate and the next handler runs; the instrumented code never sees it.
 * Starts and scope openings run in the declared order, scope closings and stops in reverse. A single handler
 * keeps its state as is; several keep theirs in an array aligned with {@link HandlerSet#started}.
 */
final class Observations {
    private Observations() {
    }

    static Object start(HandlerSet hs, ActiveObservation o) {
        ObservationHandler[] handlers = hs.started;
        if (handlers.length == 1) {
            return startOne(handlers[0], hs.tracing[0], o);
        }
        Object[] states = new Object[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            states[i] = startOne(handlers[i], hs.tracing[i], o);
        }
        return states;
    }

    private static Object startOne(ObservationHandler h, boolean tracing, ActiveObservation o) {
        if (tracing) {
            o.idsReplaceable(true);
        }
        try {
            return h.onStart(o);
        } catch (Throwable e) {
            warn(h, "onStart", e);
            return null;
        } finally {
            if (tracing) {
                o.idsReplaceable(false);
            }
        }
    }

    static void openScopes(HandlerSet hs, ActiveObservation o, Object state) {
        ObservationHandler[] handlers = hs.started;
        if (handlers.length == 1) { // the common case (a tracer alone): no loop, no state array
            openOne(handlers[0], o, state);
            return;
        }
        for (int i = 0; i < handlers.length; i++) {
            try {
                handlers[i].onScopeOpened(o, stateOf(handlers.length, state, i));
            } catch (Throwable e) {
                warn(handlers[i], "onScopeOpened", e);
            }
        }
    }

    private static void openOne(ObservationHandler h, ActiveObservation o, Object state) {
        try {
            h.onScopeOpened(o, state);
        } catch (Throwable e) {
            warn(h, "onScopeOpened", e);
        }
    }

    static void closeScopes(HandlerSet hs, ActiveObservation o, Object state) {
        ObservationHandler[] handlers = hs.started;
        if (handlers.length == 1) {
            closeOne(handlers[0], o, state);
            return;
        }
        for (int i = handlers.length - 1; i >= 0; i--) {
            try {
                handlers[i].onScopeClosed(o, stateOf(handlers.length, state, i));
            } catch (Throwable e) {
                warn(handlers[i], "onScopeClosed", e);
            }
        }
    }

    private static void closeOne(ObservationHandler h, ActiveObservation o, Object state) {
        try {
            h.onScopeClosed(o, state);
        } catch (Throwable e) {
            warn(h, "onScopeClosed", e);
        }
    }

    static void stop(HandlerSet hs, ActiveObservation o, Object state, boolean failed) {
        int started = hs.started.length;
        if (!failed) {
            ObservationHandler[] handlers = hs.started;
            for (int i = started - 1; i >= 0; i--) {
                stopOne(handlers[i], o, stateOf(started, state, i));
            }
            return;
        }
        ObservationHandler[] handlers = hs.failed;
        for (int i = handlers.length - 1; i >= 0; i--) {
            int s = hs.failedState[i];
            stopOne(handlers[i], o, s < 0 ? null : stateOf(started, state, s));
        }
    }

    private static void stopOne(ObservationHandler h, ActiveObservation o, Object state) {
        try {
            h.onStop(o, state);
        } catch (Throwable e) {
            warn(h, "onStop", e);
        }
    }

    private static Object stateOf(int count, Object state, int i) {
        return count == 1 ? state : state == null ? null : ((Object[]) state)[i];
    }

    private static void warn(ObservationHandler h, String phase, Throwable e) {
        ApiWarnings.warn("handler-failure", "observation handler " + h.getClass().getName() + " threw in " + phase + ": " + e);
    }
}
