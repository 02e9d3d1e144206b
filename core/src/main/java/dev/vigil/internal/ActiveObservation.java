package dev.vigil.internal;

import dev.vigil.SpanKind;
import dev.vigil.context.Context;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.trace.SpanContext;

/**
 * The span part of an observation while it runs: core assigns the ids, handlers follow, and the new span
 * is made current in core's context so logs, child observations and propagation see it, with or without
 * a tracer installed. A base class rather than a separate object, and the context is attached without a
 * {@code Scope} object, so that an unsampled instrumented call allocates only itself, its span context and
 * the context that carries it.
 */
abstract class ActiveObservation extends TagArgs {
    Recorder recorder;
    /** The context this observation made current; null until started, and after the scope closed. */
    private Context attached;
    /** What restores the previous context: on the default storage, the previous context itself. */
    private Object token;
    /** The span context, kept for after the scope closed. */
    private SpanContext span;
    /** What handlers see; null when no handler follows this observation. */
    ObservationContext context;
    /** The single handler's state, or an {@code Object[]} of them when there are several. */
    private Object state;

    final void startSpan(String name, SpanKind kind, String[] attributes) {
        Context current = Context.current();
        SpanContext parent = current.span();
        SpanContext child = recorder.sampler.child(parent);
        ObservationHandler[] hs = recorder.handlers;
        if (hs.length > 0 && (child.isSampled() || !recorder.handlersSampledOnly)) {
            ObservationContext ctx = new ObservationContext(name, kind, attributes);
            ctx.parent(parent);
            ctx.spanContext(child);
            context = ctx;
            if (hs.length == 1) {
                state = Observations.startOne(hs[0], ctx);
            } else {
                state = Observations.start(hs, ctx);
            }
            child = ctx.spanContext(); // a tracer may have replaced core's ids with its SDK's
        }
        span = child;
        Context next = current.withSpan(child);
        token = ContextAccess.enter(next);
        attached = next;
    }

    /** @return whether {@link #startSpan} ran */
    final boolean spanStarted() {
        return span != null;
    }

    /** @return the span context, invalid before start */
    final SpanContext span() {
        return span == null ? SpanContext.invalid() : span;
    }

    /** Restores the previous context on the starting thread; idempotent. */
    final void closeScope() {
        Context a = attached;
        if (a == null) {
            return;
        }
        attached = null;
        ContextAccess.exit(a, token);
        token = null;
        ObservationContext ctx = context;
        if (ctx != null) {
            ObservationHandler[] hs = recorder.handlers;
            if (hs.length == 1) {
                Observations.closeScopeOne(hs[0], ctx, state);
            } else {
                Observations.closeScopes(hs, ctx, (Object[]) state);
            }
        }
    }

    final void stopSpan(Throwable error) {
        ObservationContext ctx = context;
        if (ctx == null) {
            return;
        }
        if (error != null) {
            ctx.fail(error, ErrorTypes.of(error));
        }
        ObservationHandler[] hs = recorder.handlers;
        if (hs.length == 1) {
            Observations.stopOne(hs[0], ctx, state);
        } else {
            Observations.stop(hs, ctx, (Object[]) state);
        }
    }
}
