package dev.vigil.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Per-thread state of the adapter, one {@link ThreadLocal} for all of it so that a sampled observation pays one
 * lookup: the ids core assigned to the span being started (read by {@link CoreIds}), and the stack of spans this
 * thread started whose scope is still open (so that OpenTelemetry's {@code Span.current()} returns the recording
 * span, and a child's parent is that span rather than a converted copy).
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);

    /** The ids core assigned to the span {@code startSpan()} is creating right now; null otherwise. */
    dev.vigil.trace.SpanContext next;
    /** The innermost span whose scope is open on this thread. */
    ActiveSpan top;
    /** One-entry cache of the fallback bridge: core context {@link #pulledFrom} seen with this OpenTelemetry span. */
    dev.vigil.context.Context pulledFrom;
    io.opentelemetry.api.trace.SpanContext pulledSpan;
    dev.vigil.context.Context pulled;

    static ThreadState get() {
        return STATE.get();
    }

    /** The open span started for this core span context on this thread, or null. Looks a few levels deep only. */
    ActiveSpan find(dev.vigil.trace.SpanContext sc) {
        ActiveSpan a = top;
        for (int depth = 0; a != null && depth < 8; depth++, a = a.prev) {
            if (a.vigil == sc) {
                return a;
            }
        }
        return null;
    }

    /** The OpenTelemetry span for a core span context: the recording one when this thread started it. */
    Span spanFor(dev.vigil.trace.SpanContext sc) {
        ActiveSpan a = find(sc);
        return a != null ? a.span : Span.wrap(Conversions.toOtel(sc));
    }

    void push(ActiveSpan a) {
        a.prev = top;
        top = a;
    }

    /** Removes {@code a}, normally the top; scopes closed out of order are unlinked wherever they are. */
    void remove(ActiveSpan a) {
        if (top == a) {
            top = a.prev;
            return;
        }
        for (ActiveSpan s = top; s != null; s = s.prev) {
            if (s.prev == a) {
                s.prev = a.prev;
                return;
            }
        }
    }

    /** A span this adapter started, from onStart to onStop: the handler's state for one observation. */
    static final class ActiveSpan {
        final Span span;
        final dev.vigil.trace.SpanContext vigil;
        final int attributesAtStart;
        /** The state of the thread that started the span, where onScopeClosed (same thread) unlinks it. */
        final ThreadState owner;
        ActiveSpan prev;
        /** The OpenTelemetry scope opened in onStart, in the fallback bridge mode only. */
        Scope otelScope;
        /** Cache of the bridge: the OpenTelemetry context {@link #mergedBase} with this span put in it. */
        Context mergedBase;
        Context merged;

        ActiveSpan(ThreadState owner, Span span, dev.vigil.trace.SpanContext vigil, int attributesAtStart) {
            this.owner = owner;
            this.span = span;
            this.vigil = vigil;
            this.attributesAtStart = attributesAtStart;
        }

        Context mergedInto(Context base) {
            if (mergedBase != base) {
                merged = base.with(span);
                mergedBase = base;
            }
            return merged;
        }
    }
}
