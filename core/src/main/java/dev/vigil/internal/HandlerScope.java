package dev.vigil.internal;

import dev.vigil.context.Scope;

/**
 * A scope from {@code Observation.makeCurrent()} when handlers follow the observation: on close, on the thread that
 * opened it and once, the handlers close theirs, then the context is restored in {@code finally}.
 */
final class HandlerScope implements Scope {
    private final ActiveObservation observation;
    private final Scope scope;
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    HandlerScope(ActiveObservation observation, Scope scope) {
        this.observation = observation;
        this.scope = scope;
    }

    @Override
    public void close() {
        if (Thread.currentThread() != thread) {
            ApiWarnings.warn("scope-order", "Scope of observation '" + observation.name() + "' closed on thread "
                    + Thread.currentThread().getName() + " but opened on " + thread.getName() + "; ignored");
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        try {
            observation.closeHandlerScopes();
        } finally {
            scope.close();
        }
    }
}
