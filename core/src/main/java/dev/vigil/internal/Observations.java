package dev.vigil.internal;

import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;

/**
 * Drives observation handlers and shields the host from them: a handler that throws is warned about
 * and skipped, the instrumented code never sees it. Scopes close in reverse order of opening.
 */
final class Observations {
    private Observations() {
    }

    static Object startOne(ObservationHandler handler, ObservationContext ctx) {
        try {
            return handler.onStart(ctx);
        } catch (RuntimeException | LinkageError e) {
            warn(handler, "onStart", e);
            return null;
        }
    }

    static void closeScopeOne(ObservationHandler handler, ObservationContext ctx, Object state) {
        try {
            handler.onScopeClosed(ctx, state);
        } catch (RuntimeException | LinkageError e) {
            warn(handler, "onScopeClosed", e);
        }
    }

    static void stopOne(ObservationHandler handler, ObservationContext ctx, Object state) {
        try {
            handler.onStop(ctx, state);
        } catch (RuntimeException | LinkageError e) {
            warn(handler, "onStop", e);
        }
    }

    static Object[] start(ObservationHandler[] handlers, ObservationContext ctx) {
        Object[] states = new Object[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            try {
                states[i] = handlers[i].onStart(ctx);
            } catch (RuntimeException | LinkageError e) {
                warn(handlers[i], "onStart", e);
            }
        }
        return states;
    }

    static void closeScopes(ObservationHandler[] handlers, ObservationContext ctx, Object[] states) {
        for (int i = handlers.length - 1; i >= 0; i--) {
            try {
                handlers[i].onScopeClosed(ctx, states[i]);
            } catch (RuntimeException | LinkageError e) {
                warn(handlers[i], "onScopeClosed", e);
            }
        }
    }

    static void stop(ObservationHandler[] handlers, ObservationContext ctx, Object[] states) {
        for (int i = handlers.length - 1; i >= 0; i--) {
            try {
                handlers[i].onStop(ctx, states[i]);
            } catch (RuntimeException | LinkageError e) {
                warn(handlers[i], "onStop", e);
            }
        }
    }

    private static void warn(ObservationHandler h, String phase, Throwable e) {
        ApiWarnings.warn("handler-failure", "observation handler " + h.getClass().getName() + " threw in " + phase + ": " + e);
    }
}
