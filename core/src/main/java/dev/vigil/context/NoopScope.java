package dev.vigil.context;

/** The shared no-op scope, returned when attaching changed nothing; an enum so that it stays a singleton. */
enum NoopScope implements Scope {
    INSTANCE;

    @Override
    public void close() {
        // Nothing was changed, so there is nothing to restore.
    }
}
