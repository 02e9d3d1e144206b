package dev.vigil.internal;

import dev.vigil.context.Context;

/**
 * Lets instrumentation attach core's context without allocating a {@code Scope}, through the same
 * mechanism the task wrappers use: on the default storage the token is just the previous context. Installed
 * by {@link Context}'s class initializer, so it is set before any code can hold a {@code Context}.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class ContextAccess {
    /** What the context package provides. */
    public interface Hooks {
        /**
         * @param context the context to make current
         * @return a token for {@link #exit}
         */
        Object enter(Context context);

        /**
         * @return the calling thread's own slot of the default storage, to read and attach through with one lookup;
         *     null with another storage, or before the thread first attached anything
         */
        Object slot();

        /**
         * @param slot what {@link #slot} returned on this thread
         * @return the context current in it
         */
        Context current(Object slot);

        /**
         * {@link #enter}, through the slot {@link #slot} returned on this thread.
         *
         * @param slot what {@link #slot} returned on this thread
         * @param context the context to make current
         * @return a token for {@link #exit}
         */
        Object enter(Object slot, Context context);

        /**
         * Puts the thread back at the context current before {@link #enter}.
         *
         * @param context the context {@link #enter} attached
         * @param token what {@link #enter} returned
         */
        void exit(Context context, Object token);

        /**
         * Notes, from another thread, that {@code context} (current on some thread through {@link #enter}) ended
         * there: that thread puts {@code before} back when the scope enclosing it ends.
         *
         * @param context the context an observation made current on its starting thread
         * @param before the context current there before it
         */
        void abandon(Context context, Context before);
    }

    // Written once in Context's class initializer; every reader has initialized Context first, which orders it.
    private static Hooks hooks;

    private ContextAccess() {
    }

    /**
     * Called once by {@link Context}.
     *
     * @param h the hooks
     */
    public static void install(Hooks h) {
        if (hooks == null) {
            hooks = h;
        }
    }

    static Object enter(Context context) {
        return hooks.enter(context);
    }

    /** Null also until {@link Context} was first used (its initializer installs the hooks): callers then read it. */
    static Object slot() {
        Hooks h = hooks;
        return h == null ? null : h.slot();
    }

    static Context current(Object slot) {
        return hooks.current(slot);
    }

    static Object enter(Object slot, Context context) {
        return hooks.enter(slot, context);
    }

    static void exit(Context context, Object token) {
        hooks.exit(context, token);
    }

    static void abandon(Context context, Context before) {
        hooks.abandon(context, before);
    }
}
