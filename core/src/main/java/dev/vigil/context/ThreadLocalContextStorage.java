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

    /**
     * Null until a thread first attaches, which saves creating an entry on threads that only read. A mutable slot
     * rather than the context itself: changing the context is then a field write, not a second lookup in the
     * thread's map ({@code ThreadLocal.set}), which an observation would otherwise pay twice.
     */
    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    /** The current context of one thread, null for the root; only that thread reads or writes it. */
    private static final class Slot {
        Context context;
    }
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
        Slot s = CURRENT.get();
        Context c = s == null ? null : s.context;
        return c == null ? Context.root() : c;
    }

    /** @return the calling thread's slot, or null before its first attach: an observation's one lookup */
    static Object existingSlot() {
        return CURRENT.get();
    }

    /** @return the context current in a slot {@link #existingSlot} returned */
    static Context current(Object slot) {
        Context c = ((Slot) slot).context;
        return c == null ? Context.root() : c;
    }

    /** {@link #swap(Context)} through a slot {@link #existingSlot} returned on this thread, without a second lookup. */
    static Context swap(Object slot, Context context) {
        Slot s = (Slot) slot;
        Context previous = s.context;
        if (previous != context) {
            s.context = context;
        }
        return previous == null ? Context.root() : previous;
    }

    /** The calling thread's slot, created on its first attach. */
    private static Slot slot() {
        Slot s = CURRENT.get();
        if (s == null) {
            s = new Slot();
            CURRENT.set(s);
        }
        return s;
    }

    @Override
    public Scope attach(Context context) {
        if (context == null) {
            ApiWarnings.warn("invalid-context", "attach(null) ignored");
            return Scope.noop();
        }
        Slot slot = slot();
        Context previous = slot.context == null ? Context.root() : slot.context;
        if (previous == context) {
            return Scope.noop();
        }
        slot.context = context;
        return new ThreadLocalScope(previous, context, Thread.currentThread(), slot);
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
        Slot slot = slot();
        Context previous = slot.context;
        if (previous != context) {
            slot.context = context;
        }
        return previous == null ? Context.root() : previous;
    }

    /** Ends a {@link #swap}: {@code previous} becomes current whatever the task left behind. */
    static void restore(Context attached, Context previous) {
        Slot slot = slot();
        Context now = slot.context;
        if (now != attached) {
            now = unwind(now, attached);
        }
        if (now != attached) {
            ApiWarnings.warn("scope-leak", "A task left a context current (a Scope was not closed): " + now
                    + "; the thread's previous context was restored");
        }
        if (slot.context != previous) {
            slot.context = previous;
        }
    }

    /**
     * Ends a {@link #swap} as a scope would end: restores {@code previous} only while {@code attached} is still
     * current, so an observation closed out of order never undoes one opened after it.
     */
    static void unswap(Context attached, Context previous) {
        Slot slot = slot();
        Context now = slot.context;
        if (now != attached) {
            now = unwind(now, attached);
        }
        if (now != attached) {
            ApiWarnings.warn("scope-order", "An observation was closed out of order (one started after it is still"
                    + " open); the current context was left unchanged");
            return;
        }
        slot.context = previous;
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
        private final Slot slot;
        private boolean closed;

        ThreadLocalScope(Context previous, Context attached, Thread owner, Slot slot) {
            this.previous = previous;
            this.attached = attached;
            this.owner = owner;
            this.slot = slot;
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
            Context now = slot.context;
            if (now != attached) {
                now = unwind(now, attached);
            }
            if (now != attached) {
                // Restoring now would undo a scope opened after this one; leaving it is the lesser harm.
                ApiWarnings.warn("scope-order", "Scope closed out of order (a scope opened after it is still open);"
                        + " the current context was left unchanged");
                return;
            }
            slot.context = previous;
        }
    }
}
