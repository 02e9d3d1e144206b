package dev.vigil.context;

/**
 * The key of a typed entry in a {@link Context}. Keys are compared by identity, never by name, so two libraries that
 * both call their key {@code "tenant"} never see each other's values; keep each key in a {@code static final} field.
 *
 * <pre>{@code
 * static final ContextKey<String> TENANT = ContextKey.named("tenant");
 *
 * try (Scope scope = Context.current().with(TENANT, "acme").makeCurrent()) {
 *     String tenant = Context.current().get(TENANT); // "acme"
 * }
 * }</pre>
 *
 * @param <T> the type of the values stored under this key
 */
public final class ContextKey<T> {
    private final String name;

    private ContextKey(String name) {
        this.name = name;
    }

    /**
     * Creates a new key, distinct from every other key, whatever its name.
     *
     * @param name a name for debugging only; {@code null} is shown as {@code "unnamed"}
     * @param <T> the type of the values stored under the key
     * @return the new key
     */
    public static <T> ContextKey<T> named(String name) {
        return new ContextKey<>(name == null ? "unnamed" : name);
    }

    /** @return the name given to {@link #named(String)}, for debugging */
    public String name() {
        return name;
    }

    /** @return the name, for debugging */
    @Override
    public String toString() {
        return name;
    }
}
