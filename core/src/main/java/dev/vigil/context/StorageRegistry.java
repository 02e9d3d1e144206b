package dev.vigil.context;

import dev.vigil.internal.ApiWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Chooses the {@link ContextStorage} once: configuration ({@link #setBase}, {@link #addWrapper}) is accepted until
 * {@link #seal()}, which builds the storage and remembers where that happened so that a late configuration can say
 * so. An instance rather than statics so that tests can exercise the rules on a fresh registry.
 */
final class StorageRegistry {
    /** The JVM-wide registry behind {@link ContextStorage}. */
    static final StorageRegistry GLOBAL = new StorageRegistry(StorageRegistry.class.getClassLoader());

    private final Object lock = new Object();
    /** Where {@link ContextStorageWrapper}s are discovered; null discovers none. */
    private final ClassLoader discoveryLoader;
    private final List<Function<? super ContextStorage, ? extends ContextStorage>> wrappers = new ArrayList<>();
    private ContextStorage base;
    private ContextStorage sealed;
    private Throwable sealedAt;

    /** A registry that discovers nothing: for tests of the configuration rules. */
    StorageRegistry() {
        this(null);
    }

    /** @param discoveryLoader where to discover {@link ContextStorageWrapper}s at seal time, or null for none */
    StorageRegistry(ClassLoader discoveryLoader) {
        this.discoveryLoader = discoveryLoader;
    }

    /**
     * The global storage. The holder idiom makes it a {@code static final} set on first use: the JIT folds it to a
     * constant, so the default path costs the ThreadLocal access only.
     */
    static ContextStorage storage() {
        return Holder.STORAGE;
    }

    void setBase(ContextStorage storage) {
        Objects.requireNonNull(storage, "storage");
        synchronized (lock) {
            checkNotSealed();
            if (base != null) {
                throw new IllegalStateException("A context storage was already set (" + base
                        + "); ContextStorage.setGlobal may run once per JVM. Use ContextStorage.addWrapper to add to it.");
            }
            base = storage;
        }
    }

    void addWrapper(Function<? super ContextStorage, ? extends ContextStorage> wrapper) {
        Objects.requireNonNull(wrapper, "wrapper");
        synchronized (lock) {
            checkNotSealed();
            wrappers.add(wrapper);
        }
    }

    /** Builds the storage on the first call and returns the same one ever after. */
    ContextStorage seal() {
        synchronized (lock) {
            if (sealed == null) {
                sealedAt = new Throwable("the context storage was chosen here, on first use of the context, on thread "
                        + Thread.currentThread().getName());
                sealed = build();
            }
            return sealed;
        }
    }

    private ContextStorage build() {
        ContextStorage s = base == null ? ThreadLocalContextStorage.INSTANCE : base;
        s = applyDiscovered(s);
        for (Function<? super ContextStorage, ? extends ContextStorage> w : wrappers) {
            try {
                ContextStorage next = w.apply(s);
                if (next == null) {
                    ApiWarnings.warn("context-storage", "A context storage wrapper returned null; it was skipped");
                } else {
                    s = next;
                }
            } catch (RuntimeException | LinkageError e) {
                ApiWarnings.warn("context-storage", "A context storage wrapper failed and was skipped: " + e);
            }
        }
        // Only foreign code needs guarding; the default storage never throws and must stay a direct call.
        return s == ThreadLocalContextStorage.INSTANCE || s instanceof GuardedContextStorage
                ? s : new GuardedContextStorage(s);
    }

    /**
     * Applies the {@link ContextStorageWrapper}s found on the class path. Discovery happens here, when the storage is
     * chosen, so an adapter's wrapper is in place however early the context is first used; a provider that fails to
     * load or to wrap is skipped, because the context must work even when an adapter is broken.
     */
    private ContextStorage applyDiscovered(ContextStorage storage) {
        if (discoveryLoader == null) {
            return storage;
        }
        ContextStorage s = storage;
        try {
            Iterator<ContextStorageWrapper> it = ServiceLoader.load(ContextStorageWrapper.class, discoveryLoader).iterator();
            // The iterator moves past a provider that fails; the bound only guards against one that never does.
            for (int failures = 0; failures < 100; ) {
                ContextStorageWrapper w;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    w = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    ApiWarnings.warn("context-storage", "A ContextStorageWrapper could not be loaded and was skipped: " + e);
                    failures++;
                    continue;
                }
                s = applyOne(s, w);
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            ApiWarnings.warn("context-storage", "Discovering ContextStorageWrappers failed: " + e);
        }
        return s;
    }

    private static ContextStorage applyOne(ContextStorage s, ContextStorageWrapper w) {
        try {
            ContextStorage next = w.wrap(s);
            if (next == null) {
                ApiWarnings.warn("context-storage", "ContextStorageWrapper " + w.getClass().getName() + " returned null; it was skipped");
                return s;
            }
            return next;
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("context-storage", "ContextStorageWrapper " + w.getClass().getName() + " failed and was skipped: " + e);
            return s;
        }
    }

    private void checkNotSealed() {
        if (sealed != null) {
            throw new IllegalStateException("The context storage is already in use (" + sealed
                    + "); configure it before anything calls Context.current(). The cause shows where it was chosen.",
                    sealedAt);
        }
    }

    private static final class Holder {
        static final ContextStorage STORAGE = GLOBAL.seal();
    }
}
