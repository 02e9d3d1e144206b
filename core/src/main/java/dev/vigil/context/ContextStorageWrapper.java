package dev.vigil.context;

/**
 * A wrapper of the {@link ContextStorage} that an adapter ships in
 * {@code META-INF/services/dev.vigil.context.ContextStorageWrapper}. Vigil discovers every one with
 * {@link java.util.ServiceLoader} at the moment the storage is chosen (on first use of the context), so the wrapper is
 * in place however early the context is used, even before {@code Vigil.builder().install()}, which
 * {@link ContextStorage#addWrapper} cannot promise.
 *
 * <pre>{@code
 * public final class OtelContextStorageWrapper implements ContextStorageWrapper {
 *     public ContextStorage wrap(ContextStorage storage) {
 *         return bridgeNeeded() ? new BridgingStorage(storage) : storage; // returning it unchanged costs nothing
 *     }
 * }
 * }</pre>
 *
 * <p>Discovered wrappers apply around the base storage, in {@code ServiceLoader} order, before (inside) the wrappers
 * added with {@link ContextStorage#addWrapper}. A wrapper that throws or returns null is skipped with a warning of kind
 * {@code context-storage}, and so is a provider that cannot be loaded. Returning the given storage unchanged keeps the
 * default path exactly as fast as without the wrapper.
 */
public interface ContextStorageWrapper {
    /**
     * Wraps the storage built so far. Called once per JVM, while the storage is being chosen: it must not use
     * {@link Context#current()} or {@link Context#makeCurrent()} itself.
     *
     * @param storage the storage built so far, never null
     * @return the storage to use instead, or {@code storage} itself to change nothing
     */
    ContextStorage wrap(ContextStorage storage);
}
