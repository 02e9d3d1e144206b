package dev.vigil.context;

import java.util.function.Function;

/**
 * Where the current {@link Context} lives. The default keeps it in a {@link ThreadLocal}; an adapter may replace or
 * wrap it, for example to keep Vigil's context inside OpenTelemetry's so that both libraries see the same span.
 *
 * <p>The storage is chosen once per JVM, when the context is first used ({@link Context#current()},
 * {@link Context#makeCurrent()}, {@link #get()}, any wrapper of {@link ContextPropagation}); after that
 * {@link #setGlobal} and {@link #addWrapper} throw. Choosing it once is what keeps the default path as fast as a plain
 * {@code ThreadLocal}: the storage sits in a {@code static final} field that the JIT treats as a constant, so
 * {@code Context.current()} compiles to the {@code ThreadLocal} read itself, with no volatile read and no virtual
 * call. A storage that could change later would cost that on every log line, and would also break open scopes, which
 * would be closed against a different storage than the one they were opened in.
 *
 * <pre>{@code
 * // In an adapter's initialisation, before anything uses the context:
 * ContextStorage.addWrapper(vigilStorage -> new OtelBridgeStorage(vigilStorage));
 * }</pre>
 *
 * <p>Contract for implementations: {@link #current()} returns the same instance that was attached (scopes and
 * wrappers compare contexts by identity) and {@link Context#root()} when nothing is attached; {@link #attach} makes
 * the context current on the calling thread until the returned scope is closed. Vigil guards every storage other than
 * the default one: if it throws or returns null, the root context or a no-op scope is used, with a rate-limited
 * warning of kind {@code context-storage}.
 */
public interface ContextStorage {
    /**
     * The context current on the calling thread.
     *
     * @return the current context; {@link Context#root()} when none is attached
     */
    Context current();

    /**
     * Makes {@code context} current on the calling thread.
     *
     * @param context the context to make current, never null
     * @return the scope that restores the previous context when closed; {@link Scope#noop()} if nothing changed
     */
    Scope attach(Context context);

    /**
     * The storage in use, chosen on the first call (or first use of the context) and fixed from then on.
     *
     * @return the global storage
     */
    static ContextStorage get() {
        return StorageRegistry.storage();
    }

    /**
     * The default storage, one {@link ThreadLocal}; what {@link #get()} returns unless an adapter changed it. Useful
     * as the delegate of a bridging storage.
     *
     * @return the shared thread-local storage
     */
    static ContextStorage threadLocal() {
        return ThreadLocalContextStorage.INSTANCE;
    }

    /**
     * Replaces the default storage, once, before the context is first used. Wrappers added with
     * {@link #addWrapper} are applied around it.
     *
     * <pre>{@code ContextStorage.setGlobal(new OtelContextStorage());}</pre>
     *
     * @param storage the storage to use for the whole JVM
     * @throws NullPointerException if {@code storage} is null
     * @throws IllegalStateException if a storage was already set, or the context was already used; the cause shows
     *     where
     */
    static void setGlobal(ContextStorage storage) {
        StorageRegistry.GLOBAL.setBase(storage);
    }

    /**
     * Adds a function that wraps the storage, before the context is first used; wrappers apply in the order added,
     * the last one outermost. A wrapper that throws or returns null is skipped with a warning.
     *
     * <pre>{@code ContextStorage.addWrapper(storage -> new CountingStorage(storage));}</pre>
     *
     * @param wrapper takes the storage built so far and returns the one to use instead
     * @throws NullPointerException if {@code wrapper} is null
     * @throws IllegalStateException if the context was already used; the cause shows where
     */
    static void addWrapper(Function<? super ContextStorage, ? extends ContextStorage> wrapper) {
        StorageRegistry.GLOBAL.addWrapper(wrapper);
    }
}
