package dev.vigil.context;

/**
 * Keeps a context current until closed; closing makes the previous context current again. Use it with
 * try-with-resources, on the thread that opened it:
 *
 * <pre>{@code
 * try (Scope scope = context.makeCurrent()) {
 *     handle(request); // Context.current() == context
 * }                    // the previous context is current again
 * }</pre>
 *
 * <p>{@code javac -Xlint:try} warns that such a resource is never referenced in the body; that is expected here, and
 * {@code @SuppressWarnings("try")} on the method silences it.
 *
 * <p>Misuse never corrupts the thread: a scope closed twice, out of order (while a scope opened after it is still
 * open) or on another thread changes nothing and raises a rate-limited warning of kind {@code scope-order}.
 */
public interface Scope extends AutoCloseable {
    /** Restores the context that was current when this scope was opened, if this scope's context is still current. */
    @Override
    void close();

    /**
     * A scope that does nothing on close; for {@link ContextStorage} implementations that had nothing to change.
     *
     * @return the shared no-op scope
     */
    static Scope noop() {
        return NoopScope.INSTANCE;
    }
}
