package dev.vigil.otel;

import dev.vigil.context.Context;
import dev.vigil.context.ContextStorage;
import dev.vigil.context.Scope;
import io.opentelemetry.api.trace.Span;

/**
 * Core's context storage in the fallback mode of {@link OtelContextStorageWrapper}, when OpenTelemetry's storage
 * cannot be wrapped (the agent owns it, or it was in use first). It reads OpenTelemetry's current span through the
 * public API, which the agent bridges, and shows it as core's span when core has none, or when core's span is a
 * sampled span this thread made current in OpenTelemetry too and OpenTelemetry has made another one current since.
 * One conversion is cached per thread, so repeated reads under the same span allocate nothing.
 */
final class VigilSideStorage implements ContextStorage {
    private final ContextStorage delegate;

    VigilSideStorage(ContextStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public Context current() {
        Context v = delegate.current();
        dev.vigil.trace.SpanContext vs = v.span();
        ThreadState ts = null;
        if (vs.isValid()) {
            ts = ThreadState.get();
            if (!ts.topIs(vs) || !ts.topHasOtelScope()) {
                return v; // not a span we pushed into OpenTelemetry: core's view is the newer one
            }
            Span os = Span.current();
            if (os == ts.topSpan()) {
                return v;
            }
            return pulled(ts, v, os.getSpanContext());
        }
        io.opentelemetry.api.trace.SpanContext osc = Span.current().getSpanContext();
        if (!osc.isValid()) {
            return v;
        }
        return pulled(ThreadState.get(), v, osc);
    }

    private static Context pulled(ThreadState ts, Context v, io.opentelemetry.api.trace.SpanContext osc) {
        if (ts.pulledFrom != v || ts.pulledSpan != osc) {
            ts.pulled = v.withSpan(Conversions.toVigil(osc));
            ts.pulledFrom = v;
            ts.pulledSpan = osc;
        }
        return ts.pulled;
    }

    @Override
    public Scope attach(Context context) {
        return delegate.attach(context);
    }

    @Override
    public String toString() {
        return "OtelFallbackBridge{" + delegate + '}';
    }
}
