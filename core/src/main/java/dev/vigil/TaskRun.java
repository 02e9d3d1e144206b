package dev.vigil;

import dev.vigil.conventions.TaskConventions;
import dev.vigil.internal.ErrorTypes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One submitted task on its way through the executor: it knows when it was submitted, runs the task in the
 * submitter's context (already wrapped) inside a {@code task.duration} observation, and keeps the gauges right.
 */
final class TaskRun implements Runnable {
    private final KpiTimer waitTimer;
    private final Runnable wrapped;
    private final Runnable original;
    private final AtomicInteger depth;
    private final AtomicInteger active;
    private final long submittedNanos = System.nanoTime();

    TaskRun(KpiTimer waitTimer, Runnable original, Runnable wrapped, AtomicInteger depth, AtomicInteger active) {
        this.waitTimer = waitTimer;
        this.original = original;
        this.wrapped = wrapped;
        this.depth = depth;
        this.active = active;
    }

    Runnable original() {
        return original;
    }

    @Override
    public void run() {
        depth.decrementAndGet();
        active.incrementAndGet();
        try {
            waitTimer.recordNanos(System.nanoTime() - submittedNanos);
            // Runs the context-carrying wrapper: the observation below opens inside the submitter's context, so
            // its span is the child of the submitter's span.
            wrapped.run();
        } finally {
            active.decrementAndGet();
        }
    }

    /**
     * Wraps the task itself: runs in the submitter's context once {@code ContextPropagation.wrap} restored it. With
     * observation handlers (tracing, error capture) the run is an observation; without any, it is timed on the
     * pre-bound success timer, and a failure looks its timer up (rare enough for the slow path).
     */
    static Runnable measured(Vigil vigil, String queue, String name, Runnable task, KpiTimer success) {
        return () -> {
            if (vigil.parts().recorder().hasHandlers()) {
                observed(vigil, queue, name, task);
                return;
            }
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                task.run();
                failure = failureOf(task);
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                long nanos = System.nanoTime() - start;
                if (failure == null) {
                    success.recordNanos(nanos);
                } else {
                    vigil.kpi(TaskConventions.DURATION.name()).tag("task.queue", queue).tag("task.name", name)
                            .tag("task.status", "failure").tag("error.type", ErrorTypes.of(failure)).timer()
                            .recordNanos(nanos);
                }
            }
        };
    }

    private static Throwable failureOf(Runnable task) {
        return task instanceof TaskExecutorService.TaskFuture ? ((TaskExecutorService.TaskFuture<?>) task).failure : null;
    }

    private static void observed(Vigil vigil, String queue, String name, Runnable task) {
        Observation o = vigil.observation(queue + " " + name).kind(SpanKind.CONSUMER)
                .timer(TaskConventions.DURATION.name())
                .tag("task.queue", queue).tag("task.name", name).start();
        try {
            task.run();
            Throwable failure = failureOf(task);
            if (failure != null) {
                o.error(failure);
            }
            o.tag("task.status", failure == null ? "success" : "failure");
        } catch (RuntimeException | Error e) {
            o.error(e).tag("task.status", "failure");
            throw e;
        } finally {
            o.close();
        }
    }
}
