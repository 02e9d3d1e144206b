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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns observations into OpenTelemetry spans. It declares interest in sampled spans only and the tracing order,
 * so core calls it first, and never for an unsampled observation, a {@code @Timed}-only method or an untraced KPI:
 * those cost this handler nothing. Its state for an observation is the SDK span itself.
 *
 * <p>With an SDK Vigil built, the span gets exactly core's ids ({@link CoreIds}). With the user's or the agent's
 * OpenTelemetry, the SDK picks its own ids and sampling, and the handler hands them back to core with
 * {@link ObservationContext#replaceSpanContext}, so logs and propagation carry the ids the exported span has.
 *
 * <p>Attributes keep their type (a {@code long} is an OTLP integer). Those set before start go on the span
 * builder, so a sampler of a foreign SDK sees them; later ones, events and the failure are written at stop.
 */
final class SpanHandler implements ObservationHandler {
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final String CODE_FUNCTION_NAME = "code.function.name";
    /** Every method span's attribute: its key is held, not looked up in the cache (hashing the name) per span. */
    private static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey(CODE_FUNCTION_NAME);
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
    private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");
    /** Bounds each key cache: attribute keys are few (they come from code and conventions), but not trusted. */
    private static final int MAX_CACHED_KEYS = 1024;
    /** {@code setAttribute(String, ...)} builds a new {@code AttributeKey} per call; keys repeat on every span. */
    private static final ConcurrentHashMap<String, AttributeKey<String>> STRING_KEYS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AttributeKey<Long>> LONG_KEYS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AttributeKey<Double>> DOUBLE_KEYS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AttributeKey<Boolean>> BOOLEAN_KEYS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AttributeKey<java.util.List<String>>> STRING_ARRAY_KEYS =
            new ConcurrentHashMap<>();
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

    @Override
    public Interest interest() {
        return Interest.SAMPLED_SPANS;
    }

    @Override
    public Order order() {
        return Order.TRACING;
    }

    @Override
    public Object onStart(ObservationContext ctx) {
        dev.vigil.trace.SpanContext assigned = ctx.spanContext();
        Tracer t = tracer;
        if (!ctx.isSpan() || !assigned.isSampled() || t == null) {
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
        if (!ctx.links().isEmpty()) {
            addLinks(b, ctx.links());
        }
        int n = ctx.attributeCount();
        for (int i = 0; i < n; i++) {
            String key = ctx.attributeKey(i);
            Object value = ctx.attributeValue(i);
            // A method span's own attribute, from the class file: the same decision setAttribute makes for it
            // (a String under this key is never redacted), without its call and type tests on every span.
            if (key == CODE_FUNCTION_NAME && value instanceof String) {
                b.setAttribute(CODE_FUNCTION, (String) value);
            } else {
                setAttribute(b, null, key, value);
            }
        }
        if (!coreIds) {
            return startForeign(ctx, b);
        }
        ts.expect(assigned);
        try {
            return b.startSpan();
        } finally {
            ts.hasNext = false;
        }
    }

    /** Kept out of {@link #onStart}, so that the common case compiles small. */
    private static void addLinks(SpanBuilder b, java.util.List<dev.vigil.trace.SpanContext> links) {
        for (int i = 0, n = links.size(); i < n; i++) { // indexed: no iterator per span
            b.addLink(Conversions.toOtel(links.get(i)));
        }
    }

    /** The user's or the agent's SDK picks the ids: they are handed back to core. */
    private static Span startForeign(ObservationContext ctx, SpanBuilder b) {
        Span span = b.startSpan();
        dev.vigil.trace.SpanContext theirs = Conversions.toVigil(span.getSpanContext());
        if (!theirs.isValid()) {
            return null; // a no-op OpenTelemetry: keep core's ids, which at least correlate logs
        }
        ctx.replaceSpanContext(theirs);
        return span;
    }

    @Override
    public void onScopeOpened(ObservationContext ctx, Object state) {
        if (state instanceof Span) {
            Span span = (Span) state;
            // Read here, not at install: the mode is chosen when core's context is first used, which core has done by now.
            io.opentelemetry.context.Scope otelScope = ContextBridge.handlerMakesCurrent()
                    ? Context.current().with(span).makeCurrent() // fallback bridge: the agent owns OpenTelemetry's context
                    : null;
            ThreadState.get().push(ctx.spanContext(), span, ctx.parent(), otelScope);
        }
    }

    @Override
    public void onScopeClosed(ObservationContext ctx, Object state) {
        if (state instanceof Span) {
            ThreadState.get().pop((Span) state);
        }
    }

    @Override
    public void onStop(ObservationContext ctx, Object state) {
        if (!(state instanceof Span)) {
            return;
        }
        Span span = (Span) state;
        if (ctx.nameUpdated()) {
            span.updateName(ctx.name()); // a route resolved during dispatch: GET becomes GET /orders/{id}
        }
        for (int i = ctx.startAttributeCount(); i < ctx.attributeCount(); i++) {
            setAttribute(null, span, ctx.attributeKey(i), ctx.attributeValue(i));
        }
        for (int i = 0; i < ctx.eventCount(); i++) {
            span.addEvent(ctx.eventName(i), ctx.eventEpochNanos(i), TimeUnit.NANOSECONDS);
        }
        String errorType = ctx.errorType();
        if (errorType != null) {
            Throwable error = ctx.error();
            String message = error == null ? null : redaction.redactMessage(error);
            if (message != null) {
                span.setStatus(StatusCode.ERROR, message);
            } else {
                span.setStatus(StatusCode.ERROR);
            }
            span.setAttribute(ERROR_TYPE, errorType);
            if (error != null) {
                span.addEvent("exception", exceptionEvent(error, message));
            }
        }
        span.end();
    }

    /**
     * Every attribute passes here, on the builder at start ({@code span} null) or on the span later ({@code builder}
     * null): the one place that decides what a key and value become on the exported span. Text is redacted; any
     * value under a sensitive key is masked whole, whatever its type.
     */
    private void setAttribute(SpanBuilder builder, Span span, String key, Object value) {
        if (value instanceof String || redaction.isSensitiveKey(key)) {
            // code.function.name comes from the class file (a class and method name), never from data: every method
            // span carries it, so scanning it would tax every span for nothing.
            boolean code = CODE_FUNCTION_NAME.equals(key);
            String text = code ? (String) value : redaction.redactValue(key, String.valueOf(value));
            AttributeKey<String> k = code ? CODE_FUNCTION : key(STRING_KEYS, key, AttributeKey::stringKey);
            if (builder != null) {
                builder.setAttribute(k, text);
            } else {
                span.setAttribute(k, text);
            }
        } else if (value instanceof Long) {
            AttributeKey<Long> k = key(LONG_KEYS, key, AttributeKey::longKey);
            if (builder != null) {
                builder.setAttribute(k, (Long) value);
            } else {
                span.setAttribute(k, (Long) value);
            }
        } else if (value instanceof Double) {
            AttributeKey<Double> k = key(DOUBLE_KEYS, key, AttributeKey::doubleKey);
            if (builder != null) {
                builder.setAttribute(k, (Double) value);
            } else {
                span.setAttribute(k, (Double) value);
            }
        } else if (value instanceof Boolean) {
            AttributeKey<Boolean> k = key(BOOLEAN_KEYS, key, AttributeKey::booleanKey);
            if (builder != null) {
                builder.setAttribute(k, (Boolean) value);
            } else {
                span.setAttribute(k, (Boolean) value);
            }
        } else if (value instanceof java.util.List) {
            java.util.List<?> items = (java.util.List<?>) value;
            java.util.List<String> texts = new java.util.ArrayList<>(items.size());
            for (Object item : items) {
                texts.add(redaction.redactValue(key, String.valueOf(item)));
            }
            AttributeKey<java.util.List<String>> k = key(STRING_ARRAY_KEYS, key, AttributeKey::stringArrayKey);
            if (builder != null) {
                builder.setAttribute(k, texts);
            } else {
                span.setAttribute(k, texts);
            }
        }
    }

    private static <T> AttributeKey<T> key(ConcurrentHashMap<String, AttributeKey<T>> cache, String name,
                                           java.util.function.Function<String, AttributeKey<T>> create) {
        AttributeKey<T> k = cache.get(name);
        if (k == null) {
            k = create.apply(name);
            if (cache.size() < MAX_CACHED_KEYS) {
                cache.putIfAbsent(name, k);
            }
        }
        return k;
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
