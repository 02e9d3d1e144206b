package dev.vigil.context;

/** A storage that delegates and carries a name, so tests can see which wrappers applied and in what order. */
final class NamedStorage implements ContextStorage {
    private final String name;
    private final ContextStorage delegate;

    NamedStorage(String name, ContextStorage delegate) {
        this.name = name;
        this.delegate = delegate;
    }

    @Override
    public Context current() {
        return delegate.current();
    }

    @Override
    public Scope attach(Context context) {
        return delegate.attach(context);
    }

    @Override
    public String toString() {
        return name;
    }
}
