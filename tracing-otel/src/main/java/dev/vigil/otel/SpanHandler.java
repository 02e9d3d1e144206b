package dev.vigil.otel;

import dev.vigil.Redaction;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Turns observations into OpenTelemetry spans. Core has already assigned the ids and decided sampling when
 * {@link #onStart} runs, and makes the span current in its own context afterwards; so an unsampled observation costs
 * this handler one flag test and no SDK span at all.
 *
 * <p>With an SDK Vigil built, the span gets exactly core's ids ({@link CoreIds}). With the user's or the agent's
 * OpenTelemetry, the SDK picks its own ids and sampling, and the handler hands them back to core with
 * {@link ObservationContext#spanContext(dev.vigil.trace.SpanContext)}, so logs and propagation carry the ids the
 * exported span has.
 */
final class SpanHandler implements ObservationHandler {
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
    private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");
    /** Bounds the key cache: attribute keys are few (they come from code and conventions), but not trusted. */
    private static final int MAX_CACHED_KEYS = 1024;
    /**
     * {@code setAttribute(String, String)} builds a new {@code AttributeKey} per call; keys repeat on every
     * span, so one per distinct name is enough.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, AttributeKey<String>> KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static AttributeKey<String> key(String name) {
        AttributeKey<String> k = KEYS.get(name);
        if (k == null) {
            k = AttributeKey.stringKey(name);
            if (KEYS.size() < MAX_CACHED_KEYS) {
                KEYS.putIfAbsent(name, k);
            }
        }
        return k;
    }
    private static final SpanKind[] KINDS = new SpanKind[dev.vigil.SpanKind.values().length];

    static {
        for (dev.vigil.SpanKind k : dev.vigil.SpanKind.values()) {
            KINDS[k.ordinal()] = SpanKind.valueOf(k.name());
        }
    }

    // Set once by OtelTracing.start, before the Recorder that calls this handler is published (a volatile write in
    // core's install), so recording threads see them; null until then, and then every call is a no-op.
    private Tracer tracer;
    private boolean coreIds;
    private Redaction redaction = Redaction.defaults();

    void init(Tracer tracer, boolean coreIds) {
        this.tracer = tracer;
        this.coreIds = coreIds;
    }

    /** Sets the policy applied to attribute values and exception events; called with {@link #init}. */
    void redaction(Redaction policy) {
        this.redaction = policy;
    }

    /** Unsampled observations create no span here: core keeps their ids and context by itself. */
    @Override
    public boolean sampledOnly() {
        return true;
    }

    @Override
    public Object onStart(ObservationContext ctx) {
        dev.vigil.trace.SpanContext assigned = ctx.spanContext();
        Tracer t = tracer;
        if (!assigned.isSampled() || t == null) {
            return null;
        }
        ThreadState ts = ThreadState.get();
        SpanBuilder b = t.spanBuilder(ctx.name()).setSpanKind(KINDS[ctx.kind().ordinal()]);
        dev.vigil.trace.SpanContext parent = ctx.parent();
        if (parent.isValid()) {
            b.setParent(Context.root().with(ts.spanFor(parent)));
        } else {
            b.setNoParent();
        }
        int n = ctx.attributeCount();
        for (int i = 0; i < n; i++) {
            b.setAttribute(key(ctx.attributeKey(i)), redaction.redactValue(ctx.attributeKey(i), ctx.attributeValue(i)));
        }
        Span span;
        if (coreIds) {
            ts.next = assigned;
            try {
                span = b.startSpan();
            } finally {
                ts.next = null;
            }
        } else {
            span = b.startSpan();
            dev.vigil.trace.SpanContext theirs = Conversions.toVigil(span.getSpanContext());
            if (!theirs.isValid()) {
                return null; // a no-op OpenTelemetry: keep core's ids, which at least correlate logs
            }
            ctx.spanContext(theirs);
        }
        ThreadState.ActiveSpan active = new ThreadState.ActiveSpan(ts, span, ctx.spanContext(), n);
        ts.push(active);
        // Read here, not at install: the mode is chosen when core's context is first used, which core has done by now.
        if (ContextBridge.handlerMakesCurrent()) {
            // Fallback bridge (the agent owns OpenTelemetry's context): make the span current there explicitly.
            active.otelScope = Context.current().with(span).makeCurrent();
        }
        return active;
    }

    @Override
    public void onScopeClosed(ObservationContext ctx, Object state) {
        if (state instanceof ThreadState.ActiveSpan) {
            ThreadState.ActiveSpan active = (ThreadState.ActiveSpan) state;
            active.owner.remove(active);
            if (active.otelScope != null) {
                active.otelScope.close();
                active.otelScope = null;
            }
        }
    }

    @Override
    public void onStop(ObservationContext ctx, Object state) {
        if (!(state instanceof ThreadState.ActiveSpan)) {
            return;
        }
        ThreadState.ActiveSpan active = (ThreadState.ActiveSpan) state;
        Span span = active.span;
        for (int i = active.attributesAtStart; i < ctx.attributeCount(); i++) {
            span.setAttribute(key(ctx.attributeKey(i)), redaction.redactValue(ctx.attributeKey(i), ctx.attributeValue(i)));
        }
        Throwable error = ctx.error();
        if (error != null) {
            String message = redaction.redactMessage(error);
            span.setStatus(StatusCode.ERROR, message != null ? message : ctx.errorType());
            span.setAttribute(ERROR_TYPE, ctx.errorType());
            span.addEvent("exception", exceptionEvent(error, message));
        }
        span.end();
    }

    /** What {@code span.recordException} writes, OpenTelemetry's exception event, but with the text redacted. */
    private Attributes exceptionEvent(Throwable error, String message) {
        AttributesBuilder a = Attributes.builder().put(EXCEPTION_TYPE, error.getClass().getName());
        if (message != null) {
            a.put(EXCEPTION_MESSAGE, message);
        }
        return a.put(EXCEPTION_STACKTRACE, redaction.redactStackTrace(error)).build();
    }
}
