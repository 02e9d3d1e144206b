package dev.vigil.context;

import dev.vigil.internal.ApiWarnings;
import dev.vigil.propagation.Baggage;
import dev.vigil.trace.SpanContext;
import java.util.Arrays;

/**
 * What is current on a thread: the active span, the {@link Baggage}, and typed entries under {@link ContextKey}s.
 * Immutable: the {@code with...} methods return a new context and leave this one unchanged, so a context may be
 * shared freely between threads.
 *
 * <pre>{@code
 * Context ctx = Context.current().withSpan(span).with(TENANT, "acme");
 * try (Scope scope = ctx.makeCurrent()) {
 *     log.info("trace {}", Context.current().span().traceIdHex());
 * }
 * }</pre>
 *
 * <p>Contexts are compared by identity (scopes check "is my context still current?"), so {@code equals} is not
 * overridden. Entries live in a small array copied on write: contexts hold a handful of entries and are read far more
 * often than derived, so a linear scan beats a hash map in both time and allocation.
 *
 * <p>Never throws: a {@code null} key is ignored with a rate-limited warning, {@code null} span or baggage mean
 * "none".
 */
public final class Context {
    private static final Object[] NO_ENTRIES = new Object[0];
    private static final Context ROOT = new Context(SpanContext.invalid(), Baggage.empty(), NO_ENTRIES);

    static {
        // Instrumentation in core attaches observations the way task wrappers do: no Scope object per span.
        dev.vigil.internal.ContextAccess.install(new dev.vigil.internal.ContextAccess.Hooks() {
            @Override
            public Object enter(Context context) {
                ContextStorage storage = StorageRegistry.storage();
                if (storage == ThreadLocalContextStorage.INSTANCE) {
                    return ThreadLocalContextStorage.swap(context);
                }
                return storage.attach(context); // a wrapped or foreign storage keeps its own scope semantics
            }

            @Override
            public Object slot() {
                return StorageRegistry.storage() == ThreadLocalContextStorage.INSTANCE
                        ? ThreadLocalContextStorage.existingSlot() : null;
            }

            @Override
            public Context current(Object slot) {
                return ThreadLocalContextStorage.current(slot);
            }

            @Override
            public Object enter(Object slot, Context context) {
                return ThreadLocalContextStorage.swap(slot, context);
            }

            @Override
            public void exit(Context context, Object token) {
                if (token instanceof Scope) {
                    ((Scope) token).close();
                } else {
                    ThreadLocalContextStorage.unswap(context, (Context) token);
                }
            }

            @Override
            public void abandon(Context context, Context before) {
                ThreadLocalContextStorage.abandon(context, before);
            }
        });
    }

    private final SpanContext span;
    private final Baggage baggage;
    /** Alternating keys and values; keys are unique by identity, values never null. Never exposed or mutated. */
    private final Object[] entries;

    private Context(SpanContext span, Baggage baggage, Object[] entries) {
        this.span = span;
        this.baggage = baggage;
        this.entries = entries;
    }

    /**
     * The context current on this thread, or {@link #root()} when none was made current. Cheap enough for every log
     * line: with the default storage it is one {@link ThreadLocal} read and no allocation.
     *
     * <pre>{@code String traceId = Context.current().span().traceIdHex();}</pre>
     *
     * @return the current context, never null
     */
    public static Context current() {
        return StorageRegistry.storage().current();
    }

    /**
     * The empty context: no span, empty baggage, no entries. New threads start here.
     *
     * @return the shared root context
     */
    public static Context root() {
        return ROOT;
    }

    /**
     * The value stored under {@code key}.
     *
     * @param key the key; {@code null} gives {@code null}
     * @param <T> the value type
     * @return the value, or {@code null} when there is none
     */
    public <T> T get(ContextKey<T> key) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                // Safe: with(ContextKey<T>, T) is the only way in, so the value under a ContextKey<T> is a T.
                @SuppressWarnings("unchecked")
                T value = (T) e[i + 1];
                return value;
            }
        }
        return null;
    }

    /**
     * A context like this one with {@code value} under {@code key}, replacing any previous value.
     *
     * <pre>{@code Context ctx = Context.current().with(TENANT, "acme");}</pre>
     *
     * @param key the key; {@code null} returns this context unchanged, with a warning
     * @param value the value; {@code null} removes the entry
     * @param <T> the value type
     * @return the new context, or this one when nothing changes
     */
    public <T> Context with(ContextKey<T> key, T value) {
        if (key == null) {
            ApiWarnings.warn("invalid-context", "Context.with(null key, ...) ignored; use a ContextKey.named(...) constant");
            return this;
        }
        Object[] e = entries;
        int i = 0;
        while (i < e.length && e[i] != key) {
            i += 2;
        }
        if (i == e.length) {
            if (value == null) {
                return this;
            }
            Object[] next = Arrays.copyOf(e, e.length + 2);
            next[i] = key;
            next[i + 1] = value;
            return new Context(span, baggage, next);
        }
        if (e[i + 1] == value) {
            return this;
        }
        if (value == null) {
            Object[] next = new Object[e.length - 2];
            System.arraycopy(e, 0, next, 0, i);
            System.arraycopy(e, i + 2, next, i, e.length - i - 2);
            return new Context(span, baggage, next.length == 0 ? NO_ENTRIES : next);
        }
        Object[] next = e.clone();
        next[i + 1] = value;
        return new Context(span, baggage, next);
    }

    /**
     * The active span's context; {@link SpanContext#invalid()} when there is none, so callers need no null check.
     *
     * <pre>{@code
     * SpanContext span = Context.current().span();
     * if (span.isValid()) {
     *     mdc.put("trace_id", span.traceIdHex());
     * }
     * }</pre>
     *
     * @return the span context, never null
     */
    public SpanContext span() {
        return span;
    }

    /**
     * A context like this one whose active span is {@code spanContext}.
     *
     * @param spanContext the new active span; {@code null} means none ({@link SpanContext#invalid()})
     * @return the new context, or this one when the span is the same instance
     */
    public Context withSpan(SpanContext spanContext) {
        SpanContext s = spanContext == null ? SpanContext.invalid() : spanContext;
        return s == span ? this : new Context(s, baggage, entries);
    }

    /**
     * The baggage that travels with this context.
     *
     * @return the baggage, {@link Baggage#empty()} when there is none
     */
    public Baggage baggage() {
        return baggage;
    }

    /**
     * A context like this one with {@code newBaggage}.
     *
     * <pre>{@code Context ctx = Context.current().withBaggage(Context.current().baggage().put("user", "42"));}</pre>
     *
     * @param newBaggage the baggage; {@code null} means empty
     * @return the new context, or this one when the baggage is the same instance
     */
    public Context withBaggage(Baggage newBaggage) {
        Baggage b = newBaggage == null ? Baggage.empty() : newBaggage;
        return b == baggage ? this : new Context(span, b, entries);
    }

    /**
     * Makes this context current on this thread until the returned scope is closed. Allocates only the scope, and
     * nothing at all when this context is already current.
     *
     * <pre>{@code
     * try (Scope scope = ctx.makeCurrent()) {
     *     ...
     * }
     * }</pre>
     *
     * @return the scope to close, on this thread, to restore the previous context
     */
    public Scope makeCurrent() {
        return StorageRegistry.storage().attach(this);
    }

    /** @return a debug form with the span and the names of the entries; baggage values are left out (user data) */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Context{span=");
        sb.append(span.isValid() ? span.traceIdHex() + '/' + span.spanIdHex() : "none");
        sb.append(", baggage=").append(baggage.size()).append(" members, keys=[");
        for (int i = 0; i < entries.length; i += 2) {
            sb.append(i == 0 ? "" : ", ").append(entries[i]);
        }
        return sb.append("]}").toString();
    }
}
