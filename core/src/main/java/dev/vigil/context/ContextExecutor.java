package dev.vigil.context;

import java.util.concurrent.Executor;

/** An executor whose tasks run under the context current when they were submitted. */
final class ContextExecutor implements Executor {
    private final Executor delegate;

    ContextExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(ContextRunnable.wrap(command));
    }

    @Override
    public String toString() {
        return "ContextExecutor{" + delegate + '}';
    }
}
