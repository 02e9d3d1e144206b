package dev.vigil.context;

/** A runnable that runs under the context captured when it was wrapped. */
final class ContextRunnable implements Runnable {
    private final Context context;
    private final Runnable task;

    private ContextRunnable(Context context, Runnable task) {
        this.context = context;
        this.task = task;
    }

    /** Captures the current context; null and already-wrapped tasks are returned as they are. */
    static Runnable wrap(Runnable task) {
        return task == null || task instanceof ContextRunnable ? task : new ContextRunnable(Context.current(), task);
    }

    /** Wraps with an explicit context, for snapshots; an already-wrapped task keeps the context it has. */
    static Runnable wrap(Context context, Runnable task) {
        return task == null || task instanceof ContextRunnable ? task : new ContextRunnable(context, task);
    }

    @Override
    public void run() {
        Object token = TaskContext.enter(context);
        try {
            task.run();
        } finally {
            TaskContext.exit(context, token);
        }
    }

    @Override
    public String toString() {
        return "ContextRunnable{" + task + '}';
    }
}
