package dev.vigil.context;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ContextStorageWrapper} that {@link ContextStorageWrapperTest} registers through a services file of its own
 * class loader only, so the JVM-wide storage of the other tests never sees it. Public: ServiceLoader instantiates it.
 */
public final class DiscoveredStorageWrapper implements ContextStorageWrapper {
    /** What each instance was asked to wrap, in order. */
    static final List<ContextStorage> WRAPPED = new ArrayList<>();

    /** Creates the wrapper, as ServiceLoader does. */
    public DiscoveredStorageWrapper() {
    }

    @Override
    public ContextStorage wrap(ContextStorage storage) {
        WRAPPED.add(storage);
        return new Marked(storage);
    }

    /** The storage this wrapper returns: it delegates and says so in its name. */
    static final class Marked implements ContextStorage {
        final ContextStorage delegate;

        Marked(ContextStorage delegate) {
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
            return "discovered(" + delegate + ")";
        }
    }
}
