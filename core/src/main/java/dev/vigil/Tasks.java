package dev.vigil;

import java.util.concurrent.ExecutorService;

/**
 * Work queues: executors whose tasks are measured and traced. Returned by {@link Vigil#tasks()}.
 *
 * <pre>{@code
 * ExecutorService pool = vigil.tasks().executor("emails", Executors.newFixedThreadPool(4));
 * pool.submit(Task.named("send-receipt", () -> send()));
 * }</pre>
 *
 * <p>Each task records {@code task.duration} (by {@code task.queue}, {@code task.name} and {@code task.status} =
 * {@code success|failure}) and {@code task.wait.duration}; the executor has the gauges {@code task.queue.depth} and
 * {@code task.active}, and counts refused tasks in {@code task.rejected}. A task runs in its submitter's context,
 * so its span is a child of the submitter's.
 */
public final class Tasks {
    private final Vigil vigil;

    Tasks(Vigil vigil) {
        this.vigil = vigil;
    }

    /**
     * Wraps an executor. Shutting the returned executor down shuts the given one down.
     *
     * @param queue the queue's name, the {@code task.queue} attribute (for example {@code emails})
     * @param executor the executor that runs the tasks
     * @return an executor that measures every task submitted to it
     */
    public ExecutorService executor(String queue, ExecutorService executor) {
        if (executor == null) {
            throw new NullPointerException("executor");
        }
        if (queue == null || queue.isBlank()) {
            dev.vigil.internal.ApiWarnings.warn("invalid-task-queue", "a task queue needs a name; using 'unnamed'");
            queue = "unnamed";
        }
        return new TaskExecutorService(vigil, queue, executor);
    }
}
