package dev.vigil.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/** A callable that runs under the context captured when it was wrapped. */
final class ContextCallable<T> implements Callable<T> {
    private final Context context;
    private final Callable<T> task;

    private ContextCallable(Context context, Callable<T> task) {
        this.context = context;
        this.task = task;
    }

    /** Captures the current context; null and already-wrapped tasks are returned as they are. */
    static <T> Callable<T> wrap(Callable<T> task) {
        return task == null || task instanceof ContextCallable ? task : new ContextCallable<>(Context.current(), task);
    }

    /** Wraps each task under one capture of the current context; a null collection stays null. */
    static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
        if (tasks == null) {
            return null;
        }
        Context context = Context.current();
        List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            wrapped.add(task == null || task instanceof ContextCallable ? task : new ContextCallable<>(context, task));
        }
        return wrapped;
    }

    @Override
    public T call() throws Exception {
        Object token = TaskContext.enter(context);
        try {
            return task.call();
        } finally {
            TaskContext.exit(context, token);
        }
    }

    @Override
    public String toString() {
        return "ContextCallable{" + task + '}';
    }
}
