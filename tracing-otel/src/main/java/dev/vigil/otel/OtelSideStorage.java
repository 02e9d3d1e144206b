package dev.vigil.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;

/**
 * OpenTelemetry's context storage, wrapped so that both contexts agree on the current span (the shared mode of
 * {@link OtelContextStorageWrapper}).
 *
 * <ul>
 *   <li>OpenTelemetry to core, eagerly: when OpenTelemetry makes a context current whose span differs from core's,
 *   that span is made current in core's context too, and both are restored together when the scope closes. Core
 *   then always holds the newest span, and reads it at the cost of its own {@code ThreadLocal}.</li>
 *   <li>Core to OpenTelemetry, lazily: {@link #current()} compares the two; when core holds another span, it must be
 *   newer (anything OpenTelemetry attached was pushed into core), so that span is put into the returned context:
 *   the recording SDK span when this thread started it, a non-recording one with core's ids otherwise. Nothing is
 *   done when core makes a span current, so an unsampled observation pays nothing here.</li>
 * </ul>
 */
final class OtelSideStorage implements ContextStorage {
    /** Set when OpenTelemetry applied the wrapper, that is when its storage was chosen after registration. */
    static volatile boolean installed;

    private final ContextStorage delegate;

    private OtelSideStorage(ContextStorage delegate) {
        this.delegate = delegate;
    }

    static ContextStorage install(ContextStorage delegate) {
        installed = true;
        return new OtelSideStorage(delegate);
    }

    @Override
    public Context current() {
        Context o = delegate.current();
        dev.vigil.trace.SpanContext vs = dev.vigil.context.Context.current().span();
        if (!vs.isValid()) {
            return o;
        }
        Span os = o == null ? null : Span.fromContextOrNull(o);
        if (os != null && Conversions.sameIds(os.getSpanContext(), vs)) {
            return o;
        }
        Context base = o == null ? Context.root() : o;
        Context merged = ThreadState.get().mergedInto(vs, base);
        return merged != null ? merged : base.with(Span.wrap(Conversions.toOtel(vs)));
    }

    @Override
    public Scope attach(Context toAttach) {
        Scope otelScope = delegate.attach(toAttach);
        if (toAttach == null) {
            return otelScope;
        }
        Span s = Span.fromContextOrNull(toAttach);
        io.opentelemetry.api.trace.SpanContext os = s == null ? io.opentelemetry.api.trace.SpanContext.getInvalid()
                : s.getSpanContext();
        dev.vigil.context.Context v = dev.vigil.context.Context.current();
        if (Conversions.sameIds(os, v.span())) {
            return otelScope;
        }
        dev.vigil.context.Scope vigilScope = v.withSpan(Conversions.toVigil(os)).makeCurrent();
        return () -> {
            vigilScope.close();
            otelScope.close();
        };
    }

    @Override
    public String toString() {
        return "VigilBridge{" + delegate + '}';
    }
}
