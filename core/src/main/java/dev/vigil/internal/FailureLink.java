package dev.vigil.internal;

import dev.vigil.context.ContextKey;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * What an observation knows about the observations nested inside it, so that a handler can tell whether an
 * exception already failed one of them ({@code errorAlreadySeen}). Only built while a handler sees failures of
 * every kind: then every observation is current (as {@link #OWNER}) while it runs, and a nested one, on this
 * thread or another the context was carried to, links to it.
 *
 * <p>Nesting, not stop order, decides: a nested {@code CompletionStage} method may be stopped after the one
 * enclosing it (stage callbacks run last-registered first, and a caller blocked in {@code join()} may wake
 * before them), so an observation also asks its still pending nested stages whether they failed with the same
 * exception. Everything is bounded: a few recent child failures, a few pending children, a few levels deep, and
 * it is all dropped when the observation stops, so no exception outlives the observations it failed.
 */
final class FailureLink {
    /** The observation that is running, in core's context, while failures are tracked. */
    static final ContextKey<ActiveObservation> OWNER = ContextKey.named("vigil.observation");
    private static final int MAX_FAILURES = 4;
    private static final int MAX_PENDING = 16;
    private static final int MAX_DEPTH = 16;

    /** The enclosing observation, or null. */
    final ActiveObservation parent;
    /** The stage of this observation's work while it is pending; null otherwise. */
    volatile CompletionStage<?> stage;
    private Throwable[] failures;
    private int nextFailure;
    private ActiveObservation[] pending;

    FailureLink(ActiveObservation parent) {
        this.parent = parent;
    }

    /** @return the exception that matters for identity: the cause of the wrappers stages and futures add */
    static Throwable root(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 8 && (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null; i++) {
            t = t.getCause();
        }
        return t;
    }

    /** A nested observation's work is now pending on a stage. */
    synchronized void addPending(ActiveObservation child) {
        if (pending == null) {
            pending = new ActiveObservation[4];
        }
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == null) {
                pending[i] = child;
                return;
            }
        }
        if (pending.length < MAX_PENDING) {
            ActiveObservation[] grown = java.util.Arrays.copyOf(pending, pending.length * 2);
            grown[pending.length] = child;
            pending = grown;
        }
        // Beyond the bound the child is not remembered: at worst an exception is reported twice, never lost.
    }

    /** A nested observation stopped, failed with {@code root} (or null on success). */
    synchronized void childStopped(ActiveObservation child, Throwable root) {
        if (pending != null) {
            for (int i = 0; i < pending.length; i++) {
                if (pending[i] == child) {
                    pending[i] = null;
                }
            }
        }
        if (root != null) {
            if (failures == null) {
                failures = new Throwable[MAX_FAILURES];
            }
            failures[nextFailure] = root;
            nextFailure = (nextFailure + 1) % MAX_FAILURES;
        }
    }

    /** @return whether a nested observation failed, or is about to fail, with {@code root} */
    boolean nestedSaw(Throwable root, int depth) {
        ActiveObservation[] children;
        synchronized (this) {
            if (failures != null) {
                for (Throwable f : failures) {
                    if (f == root) {
                        return true;
                    }
                }
            }
            children = pending == null ? null : pending.clone();
        }
        if (children == null || depth >= MAX_DEPTH) {
            return false;
        }
        for (ActiveObservation child : children) {
            FailureLink l = child == null ? null : child.link;
            if (l != null && (failedWith(l.stage, root) || l.nestedSaw(root, depth + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a stage already completed with {@code root}: then its observation's own stop is on its way. */
    private static boolean failedWith(CompletionStage<?> stage, Throwable root) {
        if (stage == null) {
            return false;
        }
        try {
            java.util.concurrent.CompletableFuture<?> f = stage.toCompletableFuture();
            if (!f.isCompletedExceptionally()) {
                return false;
            }
            f.getNow(null);
            return false;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return root(e) == root;
        } catch (RuntimeException e) {
            return false; // a stage that cannot be viewed as a future: nothing to learn from it
        }
    }

    /** Forgets everything once the observation stopped. */
    synchronized void clear() {
        failures = null;
        pending = null;
        stage = null;
    }
}
