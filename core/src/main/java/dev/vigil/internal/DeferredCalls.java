package dev.vigil.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Calls closed without knowing whether they failed, waiting for the end of the annotated method they ran in. Java
 * closes a try-with-resources call before the exception reaches the method around it, so a GenAI call closed with no
 * outcome at all asks here to be told how that method ended.
 *
 * <p>Costs nothing to a method that never held such a call: its exit reads one field of its site
 * ({@link MethodSite#holdsDeferred}), false until a call was deferred to it. Everything else happens on the rare path
 * of a call closed without an outcome: a walk of the thread's stack finds the nearest instrumented method and its
 * depth, and that method's exit settles what was deferred at its depth. Per thread, at most {@link #MAX_PENDING} calls
 * wait; a call beyond them is not deferred. A call still waiting when a later one finds its method gone from the stack
 * (its exit recorded nothing, say because Vigil was installed meanwhile) is settled as a success then.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class DeferredCalls {
    /** At most this many calls wait on one thread. */
    public static final int MAX_PENDING = 16;
    /** The nearest instrumented method is looked for this many frames deep at most. */
    private static final int MAX_FRAMES = 256;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

    /** A call waiting for its method's end. */
    @FunctionalInterface
    public interface Call {
        /**
         * Records the call. Run once, on the thread the call was deferred on.
         *
         * @param methodError what the method threw, or null when it returned normally
         */
        void settle(Throwable methodError);
    }

    /** One thread's waiting calls, in the order they were deferred; only that thread touches them. */
    private static final class Pending {
        final Call[] calls = new Call[MAX_PENDING];
        final MethodSite[] sites = new MethodSite[MAX_PENDING];
        final int[] depths = new int[MAX_PENDING];
        int size;
    }

    /** An instrumented method's frame: its site and its depth counted from the bottom of the stack. */
    private static final class Frame {
        final MethodSite site;
        final int depth;

        Frame(MethodSite site, int depth) {
            this.site = site;
            this.depth = depth;
        }
    }

    private DeferredCalls() {
    }

    /**
     * Defers {@code call} to the end of the nearest instrumented method on this thread's stack. Never throws.
     *
     * @param call what records the call once the method's outcome is known
     * @return true when deferred; false when the caller records now (no instrumented method around it, nothing
     *         installed, or {@link #MAX_PENDING} calls already waiting on this thread)
     */
    public static boolean defer(Call call) {
        try {
            if (GlobalVigil.recorder().isNoop()) {
                return false; // annotated methods record nothing, so their exits would never settle the call
            }
            Frame frame = find(null);
            if (frame == null) {
                return false;
            }
            Pending p = PENDING.get();
            if (p == null) {
                p = new Pending();
                PENDING.set(p);
            }
            settleDeeperThan(p, frame.depth);
            if (p.size == MAX_PENDING) {
                return false;
            }
            p.calls[p.size] = call;
            p.sites[p.size] = frame.site;
            p.depths[p.size] = frame.depth;
            p.size++;
            frame.site.holdsDeferred = true;
            return true;
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "a call could not wait for its method's outcome: " + e);
            return false;
        }
    }

    /**
     * The instrumented method of {@code site} ends on this thread: settles the calls deferred to it with its outcome.
     * Never throws; what a call throws while recording is warned about and does not stop the others.
     *
     * @param site the ending method
     * @param thrown what it threw, or null
     */
    static void methodEnded(MethodSite site, Throwable thrown) {
        Pending p = PENDING.get();
        if (p == null || !holds(p, site)) {
            return;
        }
        try {
            Frame frame = find(site);
            settle(p, site, frame == null ? -1 : frame.depth, thrown);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "calls waiting for " + site.functionName + " failed to record: " + e);
        }
    }

    private static boolean holds(Pending p, MethodSite site) {
        for (int i = 0; i < p.size; i++) {
            if (p.sites[i] == site) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes out the calls of {@code site} at {@code depth} (any depth when negative), and those deeper (their methods
     * are gone), then records them: the taken ones with {@code thrown}, the orphaned ones as successes.
     */
    private static void settle(Pending p, MethodSite site, int depth, Throwable thrown) {
        Call[] mine = new Call[p.size];
        Call[] orphans = new Call[p.size];
        int m = 0;
        int o = 0;
        int kept = 0;
        for (int i = 0; i < p.size; i++) {
            if (p.sites[i] == site && (depth < 0 || p.depths[i] == depth)) {
                mine[m++] = p.calls[i];
            } else if (depth >= 0 && p.depths[i] > depth) {
                orphans[o++] = p.calls[i];
            } else {
                keep(p, i, kept++);
            }
        }
        clear(p, kept);
        run(mine, m, thrown);
        run(orphans, o, null);
    }

    private static void settleDeeperThan(Pending p, int depth) {
        Call[] orphans = new Call[p.size];
        int o = 0;
        int kept = 0;
        for (int i = 0; i < p.size; i++) {
            if (p.depths[i] > depth) {
                orphans[o++] = p.calls[i];
            } else {
                keep(p, i, kept++);
            }
        }
        clear(p, kept);
        run(orphans, o, null);
    }

    private static void keep(Pending p, int from, int to) {
        p.calls[to] = p.calls[from];
        p.sites[to] = p.sites[from];
        p.depths[to] = p.depths[from];
    }

    private static void clear(Pending p, int size) {
        for (int i = size; i < p.size; i++) {
            p.calls[i] = null;
            p.sites[i] = null;
        }
        p.size = size;
    }

    /** Taken out of the pending list before running, so a call that defers again while recording finds it sound. */
    private static void run(Call[] calls, int n, Throwable thrown) {
        for (int i = 0; i < n; i++) {
            try {
                calls[i].settle(thrown);
            } catch (Throwable e) {
                ApiWarnings.warn("instrumentation", "a call waiting for its method's outcome failed to record: " + e);
            }
        }
    }

    /**
     * The nearest frame of an instrumented method ({@code wanted}'s, when not null) on this thread's stack. Walks
     * the whole stack to count the depth: only on the rare path of a call closed without an outcome (a few
     * microseconds). Each class looked at up to the method gets an (empty) entry in the sites' class table.
     */
    private static Frame find(MethodSite wanted) {
        List<StackWalker.StackFrame> frames = WALKER.walk(s -> s.collect(Collectors.toList()));
        int n = frames.size();
        for (int i = 0; i < n && i < MAX_FRAMES; i++) {
            StackWalker.StackFrame f = frames.get(i);
            Class<?> type = f.getDeclaringClass();
            if (type.getClassLoader() == null || type.getName().startsWith("dev.vigil.internal.")) {
                continue; // the JDK's and core's own frames are never instrumented
            }
            if (wanted != null) {
                if (wanted.is(type, f.getMethodName(), f.getDescriptor())) {
                    return new Frame(wanted, n - i);
                }
            } else {
                MethodSite site = MethodSite.existing(type, f.getMethodName(), f.getDescriptor());
                if (site != null) {
                    return new Frame(site, n - i);
                }
            }
        }
        return null;
    }
}
