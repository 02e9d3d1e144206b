package dev.vigil.context;

/**
 * The context of one moment, kept for later, for frameworks that move work between threads themselves (a reactive
 * scheduler, an actor mailbox, a callback registry). Immutable and safe to share.
 *
 * <pre>{@code
 * ContextSnapshot snapshot = vigil.context().snapshot();   // where the work is handed off
 * ...
 * try (Scope scope = snapshot.restore()) {                 // where it runs, on any thread
 *     callback.run();
 * }
 * }</pre>
 */
public final class ContextSnapshot {
    private final Context context;

    ContextSnapshot(Context context) {
        this.context = context;
    }

    /** @return the captured context */
    public Context context() {
        return context;
    }

    /**
     * Makes the captured context current on this thread until the scope is closed.
     *
     * @return the scope to close, on this thread, to get the thread's previous context back
     */
    public Scope restore() {
        return context.makeCurrent();
    }

    /**
     * Wraps a task to run under the captured context, rather than the one current now.
     *
     * @param task the task; null is returned as is, and an already-wrapped task keeps its own context
     * @return the wrapped task
     */
    public Runnable wrap(Runnable task) {
        return ContextRunnable.wrap(context, task);
    }

    /** @return a debug form of the captured context */
    @Override
    public String toString() {
        return "ContextSnapshot{" + context + '}';
    }
}
