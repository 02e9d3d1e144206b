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

    Recorder recorder;
    /** The context this observation made current; null when it is not current on its starting thread. */
    private Context attached;
    /** What restores the previous context: on the default storage, the previous context itself. */
    private Object token;
    /** Its own span context, or for an observation without a span the one it runs in; null before start. */
    private SpanContext span;
    private SpanContext parent;
    /** The single handler's state, or an {@code Object[]} of them when there are several. */
    private Object state;
    /** The failure, or null. */
    Throwable error;
    /** Nesting, for errorAlreadySeen; null unless some handler sees failures of every kind. */
    FailureLink link;
    private byte flags;

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
        Context current = Context.current();
        SpanContext p = current.span();
        parent = p;
        if (r.tracksFailures) {
            link = new FailureLink(current.get(FailureLink.OWNER));
        }
        HandlerSet hs;
        int set;
        if (isSpan) {
            SpanContext child = r.sampler.child(p);
            span = child;
            boolean sampled = child.isSampled();
            hs = sampled ? r.sampledSpans : r.unsampledSpans;
            set = sampled ? 1 : 2;
        } else {
            span = p;
            hs = r.nonSpans;
            set = 3;
        }
        if (!hs.isEmpty()) {
            flags = (byte) ((flags & ~SET_MASK) | (set << SET_SHIFT));
            if (hs.started.length > 0) {
                state = Observations.start(hs, this); // a tracer may replace core's ids here
            }
        }
        if (makeCurrent && (isSpan || link != null)) {
            Context next = isSpan ? current.withSpan(span) : current;
            if (link != null) {
                next = next.with(FailureLink.OWNER, this);
            }
            token = ContextAccess.enter(next);
            attached = next;
            if (hs.started.length > 0) {
                Observations.openScopes(hs, this, state);
            }
        }
        return current;
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
        return attached;
    }

    /** Restores the previous context on the starting thread, after the handlers closed their scopes; idempotent. */
    final void closeScope() {
        Context a = attached;
        if (a == null) {
            return;
        }
        attached = null;
        Object t = token;
        token = null;
        try {
            closeHandlerScopes();
        } finally {
            ContextAccess.exit(a, t);
        }
    }

    /**
     * Called on another thread than the starting one, which cannot be touched from here: the starting thread's
     * storage restores {@code before} when the scope enclosing this one there ends.
     */
    final void abandonScope(Context before) {
        Context a = attached;
        if (a == null) {
            return;
        }
        attached = null;
        token = null;
        ContextAccess.abandon(a, before);
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
        if ((flags & IDS_REPLACEABLE) == 0 || tracerIds == null || !tracerIds.isValid()) {
            ApiWarnings.warn("handler-misuse", "replaceSpanContext is for a TRACING handler during onStart, with valid"
                    + " ids; ignored for observation '" + name() + "'");
            return;
        }
        span = tracerIds;
    }

    @Override
    public final SpanContext parent() {
        SpanContext p = parent;
        return p == null ? SpanContext.invalid() : p;
    }

    @Override
    public final SpanContext spanContext() {
        SpanContext s = span;
        return s == null ? SpanContext.invalid() : s;
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
