package dev.vigil.internal;

import dev.vigil.context.Context;
import dev.vigil.spi.ObservationContext;
import dev.vigil.trace.SpanContext;

/**
 * One running observation, and at the same time the read-only {@link ObservationContext} its handlers see: core
 * assigns the ids, drives the handlers its {@link Recorder} chose for this kind of observation, and makes the span
 * current in core's context so logs, child observations and propagation see it, with or without a tracer. Being
 * the context itself, and attaching without a {@code Scope} object, is what keeps an instrumented call at one
 * object besides its span context and the context that carries it.
 *
 * <p>Life cycle: {@link #begin} (ids, {@code onStart}, optionally current with {@code onScopeOpened}),
 * {@link #closeScope} on the starting thread or {@link #abandonScope} from another, then {@link #stop} once.
 */
abstract class ActiveObservation extends TagArgs implements ObservationContext {
    private static final int IDS_REPLACEABLE = 1;
    private static final int SEEN = 2;
    /** Bits 2-3: which {@link HandlerSet} started it: 0 none, then sampled, unsampled, non-span. */
    private static final int SET_SHIFT = 2;
    private static final int SET_MASK = 3 << SET_SHIFT;
    /** Its context is current on the starting thread (from begin until closeScope or abandonScope). */
    private static final int SCOPE_OPEN = 16;

    Recorder recorder;
    /**
     * This observation's context: the one current before it with its span (and, when failures are tracked, itself
     * as owner). Built at start, kept after close: its span is the observation's span context. Null when nothing
     * follows an observation without a span.
     */
    private Context attached;
    /**
     * The context current before it (whose span is the parent); once made current with a storage other than the
     * default one, an {@link EnteredScope} that also holds the scope to close. The default storage's token is the
     * previous context itself, so this costs no object on the common path.
     */
    private Object token;
    /** The single handler's state, or an {@code Object[]} of them when there are several. */
    private Object state;
    /** The failure, or null. */
    Throwable error;
    /** Nesting, for errorAlreadySeen; null unless some handler sees failures of every kind. */
    FailureLink link;
    private byte flags;

    /** The scope of a storage other than the default one, and the context it replaced. */
    private static final class EnteredScope {
        final Object scope;
        final Context previous;

        EnteredScope(Object scope, Context previous) {
            this.scope = scope;
            this.previous = previous;
        }
    }

    /**
     * Starts: assigns ids, calls onStart, and when {@code makeCurrent} makes it current with onScopeOpened.
     *
     * @return the context that was current before, or null when nothing was read (nothing follows it)
     */
    final Context begin(boolean makeCurrent) {
        Recorder r = recorder;
        boolean isSpan = isSpan();
        if (!isSpan && r.nonSpans.isEmpty()) {
            return null; // a @Timed-only call with no handler that wants it: no context read at all
        }
        // One lookup of the thread's slot serves both reading the current context and attaching this one.
        Object slot = makeCurrent ? ContextAccess.slot() : null;
        Context current = slot != null ? ContextAccess.current(slot) : Context.current();
        token = current;
        if (r.tracksFailures) {
            link = new FailureLink(current.get(FailureLink.OWNER));
        }
        HandlerSet hs;
        int set;
        Context next;
        if (isSpan) {
            SpanContext child = r.sampler.child(current.span());
            next = current.withSpan(child);
            boolean sampled = child.isSampled();
            hs = sampled ? r.sampledSpans : r.unsampledSpans;
            set = sampled ? 1 : 2;
        } else {
            next = current;
            hs = r.nonSpans;
            set = 3;
        }
        attached = link == null ? next : next.with(FailureLink.OWNER, this);
        if (!hs.isEmpty()) {
            flags = (byte) ((flags & ~SET_MASK) | (set << SET_SHIFT));
            if (hs.started.length > 0) {
                state = Observations.start(hs, this); // a tracer may replace core's ids here
            }
        }
        if (makeCurrent && (isSpan || link != null)) {
            enter(slot, current, hs);
        }
        return current;
    }

    /** Makes it current and opens the handlers' scopes; apart so that {@link #begin} stays small enough to inline. */
    private void enter(Object slot, Context current, HandlerSet hs) {
        Context a = attached;
        Object t = slot != null ? ContextAccess.enter(slot, a) : ContextAccess.enter(a);
        if (t != current) {
            token = t instanceof Context ? t : new EnteredScope(t, current);
        }
        flags |= SCOPE_OPEN;
        if (hs.started.length > 0) {
            Observations.openScopes(hs, this, state);
        }
    }

    /** @return the handlers that follow this observation through its life cycle, or null */
    private HandlerSet handlerSet() {
        switch ((flags & SET_MASK) >> SET_SHIFT) {
            case 1: return recorder.sampledSpans;
            case 2: return recorder.unsampledSpans;
            case 3: return recorder.nonSpans;
            default: return null;
        }
    }

    /** @return whether some handler keeps a state through scopes (so makeCurrent must tell them) */
    final boolean hasScopeHandlers() {
        HandlerSet hs = handlerSet();
        return hs != null && hs.started.length > 0;
    }

    final void openHandlerScopes() {
        HandlerSet hs = handlerSet();
        if (hs != null && hs.started.length > 0) {
            Observations.openScopes(hs, this, state);
        }
    }

    final void closeHandlerScopes() {
        HandlerSet hs = handlerSet();
        if (hs != null && hs.started.length > 0) {
            Observations.closeScopes(hs, this, state);
        }
    }

    /** @return the context this observation made current at start, while its scope is open; else null */
    final Context attachedContext() {
        return (flags & SCOPE_OPEN) != 0 ? attached : null;
    }

    /** Restores the previous context on the starting thread, after the handlers closed their scopes; idempotent. */
    final void closeScope() {
        if ((flags & SCOPE_OPEN) == 0) {
            return;
        }
        flags &= ~SCOPE_OPEN;
        try {
            closeHandlerScopes();
        } finally {
            Object t = token;
            ContextAccess.exit(attached, t instanceof EnteredScope ? ((EnteredScope) t).scope : t);
        }
    }

    /**
     * Called on another thread than the starting one, which cannot be touched from here: the starting thread's
     * storage restores the previous context when the scope enclosing this one there ends.
     */
    final void abandonScope() {
        if ((flags & SCOPE_OPEN) == 0) {
            return;
        }
        flags &= ~SCOPE_OPEN;
        ContextAccess.abandon(attached, previous());
    }

    private Context previous() {
        Object t = token;
        return t instanceof Context ? (Context) t : t instanceof EnteredScope ? ((EnteredScope) t).previous : null;
    }

    /** Its work is pending on a stage: an enclosing observation stopping meanwhile asks the stage. */
    final void pendingOn(java.util.concurrent.CompletionStage<?> stage) {
        FailureLink l = link;
        if (l != null) {
            l.stage = stage;
            ActiveObservation p = l.parent;
            FailureLink pl = p == null ? null : p.link;
            if (pl != null) {
                pl.addPending(this);
            }
        }
    }

    /** Ends: settles errorAlreadySeen, tells the enclosing observation, then the handlers; once. */
    final void stop(Throwable thrown) {
        if (thrown != null && error == null) {
            error = thrown;
        }
        boolean failed = errorType() != null;
        FailureLink l = link;
        if (l != null) {
            Throwable root = error == null ? null : FailureLink.root(error);
            if (failed && root != null && l.nestedSaw(root, 0)) {
                flags |= SEEN;
            }
            ActiveObservation p = l.parent;
            FailureLink pl = p == null ? null : p.link;
            if (pl != null) {
                pl.childStopped(this, failed ? root : null);
            }
        }
        HandlerSet hs = handlerSet();
        try {
            if (hs != null) {
                Observations.stop(hs, this, state, failed);
            }
        } finally {
            state = null;
            if (l != null) {
                l.clear();
            }
        }
    }

    final void idsReplaceable(boolean open) {
        flags = (byte) (open ? flags | IDS_REPLACEABLE : flags & ~IDS_REPLACEABLE);
    }

    @Override
    public final void replaceSpanContext(SpanContext tracerIds) {
        if ((flags & IDS_REPLACEABLE) == 0 || tracerIds == null || !tracerIds.isValid() || !isSpan()) {
            ApiWarnings.warn("handler-misuse", "replaceSpanContext is for a TRACING handler during onStart, with valid"
                    + " ids; ignored for observation '" + name() + "'");
            return;
        }
        attached = attached.withSpan(tracerIds); // not current yet: onStart runs before the scope opens
    }

    @Override
    public final SpanContext parent() {
        Context p = previous();
        return p == null ? SpanContext.invalid() : p.span();
    }

    @Override
    public final SpanContext spanContext() {
        Context a = attached;
        return a == null ? SpanContext.invalid() : a.span();
    }

    @Override
    public final Throwable error() {
        return error;
    }

    @Override
    public String errorType() {
        Throwable e = error;
        return e == null ? null : ErrorTypes.of(e);
    }

    @Override
    public final boolean errorAlreadySeen() {
        return (flags & SEEN) != 0;
    }

    @Override
    public int eventCount() {
        return 0;
    }

    @Override
    public String eventName(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    @Override
    public long eventEpochNanos(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Observation{").append(name()).append(' ').append(kind());
        for (int i = 0; i < attributeCount(); i++) {
            b.append(' ').append(attributeKey(i)).append('=').append(attributeValue(i));
        }
        String type = errorType();
        return (type == null ? b : b.append(" error.type=").append(type)).append('}').toString();
    }
}
