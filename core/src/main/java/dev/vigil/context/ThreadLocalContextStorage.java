package dev.vigil.context;

import dev.vigil.internal.ApiWarnings;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The default storage: one {@link ThreadLocal}. Besides the {@link ContextStorage} contract it offers
 * {@link #swap}/{@link #restore}, which the task wrappers use to run a task without allocating a scope and to put the
 * thread back at exactly its previous context even when the task left a scope open.
 */
final class ThreadLocalContextStorage implements ContextStorage {
    static final ThreadLocalContextStorage INSTANCE = new ThreadLocalContextStorage();

    /** Null until a thread first attaches, which saves creating an entry on threads that only read. */
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();
    /**
     * Contexts still current on some thread whose observation was closed on another thread, each with the context
     * that was current before it. Consulted only when a scope finds an unexpected context current, so it costs
     * nothing otherwise; weak keys (contexts compare by identity) and a size bound keep it from holding anything.
     */
    private static final Map<Context, Context> ABANDONED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final int MAX_ABANDONED = 65_536;

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
     * Notes that {@code attached} ended on another thread while it may still be current on its own: when a scope
     * enclosing it there ends, it is unwound to {@code before} instead of counting as a scope left open.
     */
    static void abandon(Context attached, Context before) {
        if (before == null) {
            return;
        }
        if (ABANDONED.size() >= MAX_ABANDONED) {
            ApiWarnings.warn("scope-order", "Too many observations closed on another thread than the one they are"
                    + " current on; their starting threads keep them until their enclosing scopes end");
            return;
        }
        ABANDONED.put(attached, before);
    }

    /**
     * Follows contexts abandoned by {@link #abandon} from {@code now} down to {@code expected}; when the chain gets
     * there, forgets it and returns {@code expected}, else changes nothing and returns {@code now}. Bounded.
     */
    private static Context unwind(Context now, Context expected) {
        if (ABANDONED.isEmpty()) {
            return now;
        }
        Context c = now;
        for (int i = 0; i < 64 && c != expected; i++) {
            c = ABANDONED.get(c);
            if (c == null) {
                return now;
            }
        }
        if (c != expected) {
            return now;
        }
        for (Context d = now; d != null && d != expected; ) {
            d = ABANDONED.remove(d);
        }
        return expected;
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
            now = unwind(now, attached);
        }
        if (now != attached) {
            ApiWarnings.warn("scope-leak", "A task left a context current (a Scope was not closed): " + now
                    + "; the thread's previous context was restored");
        }
        if (CURRENT.get() != previous) {
            CURRENT.set(previous);
        }
    }

    /**
     * Ends a {@link #swap} as a scope would end: restores {@code previous} only while {@code attached} is still
     * current, so an observation closed out of order never undoes one opened after it.
     */
    static void unswap(Context attached, Context previous) {
        Context now = CURRENT.get();
        if (now != attached) {
            now = unwind(now, attached);
        }
        if (now != attached) {
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
            Context now = CURRENT.get();
            if (now != attached) {
                now = unwind(now, attached);
            }
            if (now != attached) {
                // Restoring now would undo a scope opened after this one; leaving it is the lesser harm.
                ApiWarnings.warn("scope-order", "Scope closed out of order (a scope opened after it is still open);"
                        + " the current context was left unchanged");
                return;
            }
            CURRENT.set(previous);
        }
    }
}
