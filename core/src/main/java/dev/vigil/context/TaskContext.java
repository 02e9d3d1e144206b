package dev.vigil.context;

import dev.vigil.internal.ApiWarnings;

/**
 * Runs a task under a captured context and puts the thread back at exactly its previous context afterwards, even if
 * the task threw or left a scope open. Usage, in every task wrapper:
 *
 * <pre>{@code
 * Object token = TaskContext.enter(captured);
 * try {
 *     task.run();
 * } finally {
 *     TaskContext.exit(captured, token);
 * }
 * }</pre>
 *
 * <p>With the default storage the token is the previous context and nothing is allocated; the check on the storage is
 * on a constant, so the JIT keeps only the taken branch.
 */
final class TaskContext {
    private TaskContext() {
    }

    static Object enter(Context context) {
        ContextStorage storage = StorageRegistry.storage();
        if (storage == ThreadLocalContextStorage.INSTANCE) {
            return ThreadLocalContextStorage.swap(context);
        }
        return Foreign.enter(storage, context);
    }

    static void exit(Context context, Object token) {
        if (token instanceof Foreign) {
            ((Foreign) token).exit(context);
        } else {
            ThreadLocalContextStorage.restore(context, (Context) token);
        }
    }

    /** A task's entry into a storage other than the default: the scope to close and the context to get back to. */
    static final class Foreign {
        private final ContextStorage storage;
        private final Context previous;
        private final Scope scope;

        private Foreign(ContextStorage storage, Context previous, Scope scope) {
            this.storage = storage;
            this.previous = previous;
            this.scope = scope;
        }

        static Foreign enter(ContextStorage storage, Context context) {
            Context previous = storage.current();
            return new Foreign(storage, previous, storage.attach(context));
        }

        void exit(Context attached) {
            if (storage.current() == attached) {
                scope.close();
                if (storage.current() == previous) {
                    return;
                }
            } else {
                ApiWarnings.warn("scope-leak", "A task left a context current (a Scope was not closed);"
                        + " the thread's previous context was restored");
            }
            // The storage API has no "set": attaching the previous context is the only way back. Its scope is
            // dropped on purpose, since closing it would undo the repair.
            storage.attach(previous);
        }
    }
}
