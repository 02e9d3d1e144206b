package dev.vigil.internal;

import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;

/**
 * The span part of an observation while it runs: core assigns the ids, handlers follow, and the new span
 * is made current in core's context so logs, child observations and propagation see it, with or without
 * a tracer installed. A base class rather than a separate object, so that an instrumented call allocates
 * one object for its metrics and its span state together.
 */
abstract class ActiveObservation extends TagArgs {
    private ObservationHandler[] handlers;
    /** Null until started. */
    ObservationContext context;
    /** The single handler's state, or an {@code Object[]} of them when there are several. */
    private Object state;
    private Scope scope;

    final void startSpan(Recorder recorder, ObservationContext ctx) {
        Context current = Context.current();
        ctx.parent(current.span());
        ctx.spanContext(recorder.sampler.child(current.span()));
        ObservationHandler[] hs = recorder.handlers;
        handlers = hs;
        context = ctx;
        if (hs.length == 1) {
            state = Observations.startOne(hs[0], ctx);
        } else if (hs.length > 1) {
            state = Observations.start(hs, ctx);
        }
        scope = current.withSpan(ctx.spanContext()).makeCurrent();
    }

    /** Restores the previous context on the starting thread; idempotent. */
    final void closeScope() {
        Scope s = scope;
        if (s == null) {
            return;
        }
        scope = null;
        s.close();
        ObservationHandler[] hs = handlers;
        if (hs.length == 1) {
            Observations.closeScopeOne(hs[0], context, state);
        } else if (hs.length > 1) {
            Observations.closeScopes(hs, context, (Object[]) state);
        }
    }

    final void stopSpan(Throwable error) {
        if (error != null) {
            context.fail(error, ErrorTypes.of(error));
        }
        ObservationHandler[] hs = handlers;
        if (hs.length == 1) {
            Observations.stopOne(hs[0], context, state);
        } else if (hs.length > 1) {
            Observations.stop(hs, context, (Object[]) state);
        }
    }
}
