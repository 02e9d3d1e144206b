package dev.vigil.context;

import dev.vigil.internal.ApiWarnings;

/**
 * Shields the host from a foreign {@link ContextStorage}: whatever it throws or returns, {@link Context#current()}
 * gives a context, {@link Context#makeCurrent()} a scope, and closing a scope returns normally.
 */
final class GuardedContextStorage implements ContextStorage {
    private final ContextStorage delegate;

    GuardedContextStorage(ContextStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public Context current() {
        try {
            Context c = delegate.current();
            return c == null ? Context.root() : c;
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("context-storage", "Context storage " + delegate + " failed in current(): " + e);
            return Context.root();
        }
    }

    @Override
    public Scope attach(Context context) {
        if (context == null) {
            ApiWarnings.warn("invalid-context", "attach(null) ignored");
            return Scope.noop();
        }
        try {
            Scope s = delegate.attach(context);
            return s == null ? Scope.noop() : new GuardedScope(delegate, s);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("context-storage", "Context storage " + delegate + " failed in attach(): " + e);
            return Scope.noop();
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private static final class GuardedScope implements Scope {
        private final ContextStorage storage;
        private final Scope scope;

        GuardedScope(ContextStorage storage, Scope scope) {
            this.storage = storage;
            this.scope = scope;
        }

        @Override
        public void close() {
            try {
                scope.close();
            } catch (RuntimeException | LinkageError e) {
                ApiWarnings.warn("context-storage", "A scope of context storage " + storage + " failed to close: " + e);
            }
        }
    }
}
