package dev.vigil.internal;

import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The life cycle of an observation built by code, across threads: started once, current on its starting thread (or
 * detached), made current anywhere, stepped out of on its starting thread while it runs on, and closed once from any
 * thread. A superclass rather than a separate object, like {@link RecordedObservation}, so that a typical use stays
 * one object.
 *
 * <p>{@link #close()} is the only method safe to race with others.
 */
abstract class ScopedObservation extends RecordedObservation {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(ScopedObservation.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread of {@link #startOnce}, where the observation is current; null when detached. */
    private Thread owner;
    private boolean started;
    @SuppressWarnings("unused") // through CLOSED
    private volatile int closed;

    final boolean isStarted() {
        return started;
    }

    final boolean isClosed() {
        return closed != 0;
    }

    /**
     * Starts the observation, current on this thread or detached. Never throws: a failing handler is warned about.
     *
     * @return false, with a warning, when it was started already
     */
    final boolean startOnce(boolean current) {
        if (started) {
            ApiWarnings.warn("invalid-observation", "observation '" + name() + "' was started twice");
            return false;
        }
        started = true;
        freezeStart();
        try {
            begin(current);
            if (current) {
                owner = Thread.currentThread();
            }
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name() + "' failed to start: " + e);
        }
        return true;
    }

    /**
     * Makes this observation's span current on this thread, telling the handlers that follow scopes.
     *
     * @return the scope to close; a no-op one when not started or on failure
     */
    public final Scope makeCurrent() {
        if (!started) {
            ApiWarnings.warn("invalid-observation", "observation '" + name() + "' must be started before makeCurrent()");
            return Scope.noop();
        }
        try {
            Context next = Context.current().withSpan(spanContext());
            if (link != null) {
                next = next.with(FailureLink.OWNER, this);
            }
            Scope scope = next.makeCurrent();
            if (closed != 0 || !hasScopeHandlers()) {
                return scope;
            }
            openHandlerScopes();
            return new HandlerScope(this, scope);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name() + "' failed to become current: " + e);
            return Scope.noop();
        }
    }

    /**
     * Restores, on the starting thread, the context from before this observation, leaving it running until
     * {@link #close()}: for a call whose outcome waits for the method around it, which must find its own context
     * current when it ends. Elsewhere, and when not started or closed, does nothing. Never throws.
     */
    public final void leaveScope() {
        if (!started || closed != 0 || owner != Thread.currentThread()) {
            return;
        }
        try {
            closeScope();
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name() + "' failed to restore the context: " + e);
        }
    }

    /**
     * Ends the observation, once, from any thread: {@link #recordAtClose}, then the context from before it restored
     * (on the starting thread) or abandoned (elsewhere), then the handlers stopped. Never throws.
     */
    public final void close() {
        if (!started || !CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        boolean here = owner == Thread.currentThread();
        recordAtClose(here);
        try {
            if (here) {
                closeScope();
            } else {
                abandonScope();
            }
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "observation '" + name() + "' failed to restore the context: " + e);
        } finally {
            try {
                stop(null);
            } catch (Throwable e) {
                ApiWarnings.warn("instrumentation", "observation '" + name() + "' failed to stop: " + e);
            }
        }
    }

    /**
     * Records what the observation records itself at close, while its context is still current on the starting
     * thread. Must not throw.
     *
     * @param here whether this is the starting thread
     */
    abstract void recordAtClose(boolean here);
}
