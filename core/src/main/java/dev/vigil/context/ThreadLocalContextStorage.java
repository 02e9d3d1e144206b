package dev.vigil.context;

import dev.vigil.internal.ApiWarnings;

/**
 * The default storage: one {@link ThreadLocal}. Besides the {@link ContextStorage} contract it offers
 * {@link #swap}/{@link #restore}, which the task wrappers use to run a task without allocating a scope and to put the
 * thread back at exactly its previous context even when the task left a scope open.
 */
final class ThreadLocalContextStorage implements ContextStorage {
    static final ThreadLocalContextStorage INSTANCE = new ThreadLocalContextStorage();

    /** Null until a thread first attaches, which saves creating an entry on threads that only read. */
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    private ThreadLocalContextStorage() {
    }

    @Override
    public Context current() {
        Context c = CURRENT.get();
        return c == null ? Context.root() : c;
    }

    @Override
    public Scope attach(Context context) {
        if (context == null) {
            ApiWarnings.warn("invalid-context", "attach(null) ignored");
            return Scope.noop();
        }
        Context previous = current();
        if (previous == context) {
            return Scope.noop();
        }
        CURRENT.set(context);
        return new ThreadLocalScope(previous, context, Thread.currentThread());
    }

    /**
     * Makes {@code context} current, for a task wrapper.
     *
     * @return the previous context, to pass to {@link #restore}
     */
    static Context swap(Context context) {
        Context previous = CURRENT.get();
        if (previous != context) {
            CURRENT.set(context);
        }
        return previous == null ? Context.root() : previous;
    }

    /** Ends a {@link #swap}: {@code previous} becomes current whatever the task left behind. */
    static void restore(Context attached, Context previous) {
        Context now = CURRENT.get();
        if (now != attached) {
            ApiWarnings.warn("scope-leak", "A task left a context current (a Scope was not closed): " + now
                    + "; the thread's previous context was restored");
        }
        if (now != previous) {
            CURRENT.set(previous);
        }
    }

    /**
     * Ends a {@link #swap} as a scope would end: restores {@code previous} only while {@code attached} is still
     * current, so an observation closed out of order never undoes one opened after it.
     */
    static void unswap(Context attached, Context previous) {
        if (CURRENT.get() != attached) {
            ApiWarnings.warn("scope-order", "An observation was closed out of order (one started after it is still"
                    + " open); the current context was left unchanged");
            return;
        }
        CURRENT.set(previous);
    }

    @Override
    public String toString() {
        return "ThreadLocalContextStorage";
    }

    /** Not thread-safe on purpose: a scope belongs to the thread that opened it, which is checked first. */
    private static final class ThreadLocalScope implements Scope {
        private final Context previous;
        private final Context attached;
        private final Thread owner;
        private boolean closed;

        ThreadLocalScope(Context previous, Context attached, Thread owner) {
            this.previous = previous;
            this.attached = attached;
            this.owner = owner;
        }

        @Override
        public void close() {
            if (Thread.currentThread() != owner) {
                // Left open, so that the owner can still close it properly.
                ApiWarnings.warn("scope-order", "Scope closed on thread " + Thread.currentThread().getName()
                        + " but opened on " + owner.getName() + "; ignored");
                return;
            }
            if (closed) {
                ApiWarnings.warn("scope-order", "Scope closed twice; the second close was ignored");
                return;
            }
            closed = true;
            if (CURRENT.get() != attached) {
                // Restoring now would undo a scope opened after this one; leaving it is the lesser harm.
                ApiWarnings.warn("scope-order", "Scope closed out of order (a scope opened after it is still open);"
                        + " the current context was left unchanged");
                return;
            }
            CURRENT.set(previous);
        }
    }
}
