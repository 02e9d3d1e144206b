package dev.vigil;

import dev.vigil.context.ContextPropagation;
import dev.vigil.conventions.TaskConventions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor {@link Tasks#executor} returns. Every task is wrapped once at submission: the wrapper carries the
 * submitter's context, the submission time and the task's name, and records the task metrics around the run.
 * Extends {@link AbstractExecutorService} so that {@code submit} and {@code invokeAll} funnel into
 * {@link #execute} with a {@code FutureTask} whose name is kept in {@link #newTaskFor}.
 */
final class TaskExecutorService extends AbstractExecutorService {
    /** Beyond this many task names, handles are looked up per task (the meter engine still bounds the series). */
    private static final int MAX_CACHED_NAMES = 256;
    private final Vigil vigil;
    private final String queue;
    private final ExecutorService delegate;
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, TaskTimers> timers = new ConcurrentHashMap<>();

    TaskExecutorService(Vigil vigil, String queue, ExecutorService delegate) {
        this.vigil = vigil;
        this.queue = queue;
        this.delegate = delegate;
        vigil.kpi(TaskConventions.QUEUE_DEPTH.name()).tag("task.queue", queue).gauge(depth, AtomicInteger::get);
        vigil.kpi(TaskConventions.ACTIVE.name()).tag("task.queue", queue).gauge(active, AtomicInteger::get);
        dev.vigil.internal.HealthModel health = vigil.parts().healthModel();
        if (health != null) {
            health.taskQueue(queue, depth::get);
        }
    }

    @Override
    public void execute(Runnable command) {
        if (command == null) {
            throw new NullPointerException("command");
        }
        String name = TaskNames.of(command);
        TaskTimers t = timers(name);
        Runnable inContext = ContextPropagation.get().wrap(TaskRun.measured(vigil, queue, name, command, t.success));
        TaskRun run = new TaskRun(t.waitTimer, command, inContext, depth, active);
        depth.incrementAndGet();
        try {
            delegate.execute(run);
        } catch (RejectedExecutionException e) {
            depth.decrementAndGet();
            vigil.kpi(TaskConventions.REJECTED.name()).tag("task.queue", queue).tag("task.name", name).increment();
            throw e; // the executor's own contract: the caller decides what a refused task means
        }
    }

    /** The timers of a task name, looked up once per name while names stay few. */
    private TaskTimers timers(String name) {
        TaskTimers t = timers.get(name);
        if (t == null) {
            t = new TaskTimers(
                    vigil.kpi(TaskConventions.WAIT.name()).tag("task.queue", queue).tag("task.name", name).timer(),
                    vigil.kpi(TaskConventions.DURATION.name()).tag("task.queue", queue).tag("task.name", name)
                            .tag("task.status", "success").timer());
            if (timers.size() < MAX_CACHED_NAMES) {
                timers.putIfAbsent(name, t);
            }
        }
        return t;
    }

    /** The pre-bound timers of one task name: its wait, and its successful runs. */
    private static final class TaskTimers {
        final KpiTimer waitTimer;
        final KpiTimer success;

        TaskTimers(KpiTimer waitTimer, KpiTimer success) {
            this.waitTimer = waitTimer;
            this.success = success;
        }
    }

    @Override
    protected <T> java.util.concurrent.RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new TaskFuture<>(TaskNames.of(runnable), runnable, value);
    }

    @Override
    protected <T> java.util.concurrent.RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new TaskFuture<>(TaskNames.of(callable), callable);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> pending = delegate.shutdownNow();
        List<Runnable> unwrapped = new ArrayList<>(pending.size());
        for (Runnable r : pending) {
            unwrapped.add(r instanceof TaskRun ? ((TaskRun) r).original() : r);
        }
        depth.addAndGet(-pending.size());
        return unwrapped;
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "TaskExecutorService{" + queue + ", " + delegate + '}';
    }

    /**
     * A {@code FutureTask} that remembers the name of the task it runs, and its failure: a future keeps the
     * exception to itself, and the task metrics need it.
     */
    static final class TaskFuture<V> extends java.util.concurrent.FutureTask<V> {
        final String name;
        volatile Throwable failure;

        TaskFuture(String name, Callable<V> callable) {
            super(callable);
            this.name = name;
        }

        TaskFuture(String name, Runnable runnable, V result) {
            super(runnable, result);
            this.name = name;
        }

        @Override
        protected void setException(Throwable t) {
            failure = t;
            super.setException(t);
        }
    }
}
