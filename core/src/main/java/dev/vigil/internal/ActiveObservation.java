package dev.vigil.internal;

import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;

/**
 * The span part of an observation while it runs: core assigns the ids, handlers follow, and the new span
 * is made current in core's context so logs, child observations and propagation see it, with or without
 * a tracer installed.
 */
final class ActiveObservation {
    private final ObservationHandler[] handlers;
    final ObservationContext context;
    private final Object[] states;
    private Scope scope;

    private ActiveObservation(ObservationHandler[] handlers, ObservationContext context, Object[] states, Scope scope) {
        this.handlers = handlers;
        this.context = context;
        this.states = states;
        this.scope = scope;
    }

    static ActiveObservation start(Recorder recorder, ObservationContext ctx) {
        Context current = Context.current();
        ctx.parent(current.span());
        ctx.spanContext(recorder.sampler.child(current.span()));
        ObservationHandler[] handlers = recorder.handlers;
        Object[] states = handlers.length == 0 ? null : Observations.start(handlers, ctx);
        Scope scope = current.withSpan(ctx.spanContext()).makeCurrent();
        return new ActiveObservation(handlers, ctx, states, scope);
    }

    /** Restores the previous context on the starting thread; idempotent. */
    void closeScope() {
        Scope s = scope;
        if (s == null) {
            return;
        }
        scope = null;
        s.close();
        if (states != null) {
            Observations.closeScopes(handlers, context, states);
        }
    }

    void stop(Throwable error) {
        if (error != null) {
            context.fail(error, ErrorTypes.of(error));
        }
        if (states != null) {
            Observations.stop(handlers, context, states);
        }
    }
}
