package dev.vigil;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A unit of work with a name, for an executor from {@link Tasks#executor}: the name becomes the {@code task.name}
 * attribute of the task metrics and spans. Unnamed tasks are named after their class. Immutable.
 *
 * <pre>{@code
 * ExecutorService pool = vigil.tasks().executor("emails", Executors.newFixedThreadPool(4));
 * pool.submit(Task.named("send-receipt", () -> send()));
 * }</pre>
 *
 * <p>Keep names few and fixed (a kind of task, never an id): every name is a series.
 */
public final class Task implements Runnable {
    private final String name;
    private final Runnable work;

    private Task(String name, Runnable work) {
        this.name = name;
        this.work = work;
    }

    /**
     * @param name the task's name, for example {@code send-receipt}
     * @param work what the task does
     * @return the named task
     */
    public static Task named(String name, Runnable work) {
        return new Task(Objects.requireNonNull(name, "name"), Objects.requireNonNull(work, "work"));
    }

    /**
     * @param name the task's name, for example {@code render-invoice}
     * @param work what the task computes
     * @param <V> the result type
     * @return the named task, a {@link Callable} for {@link java.util.concurrent.ExecutorService#submit(Callable)}
     */
    public static <V> Callable<V> named(String name, Callable<V> work) {
        return new NamedCallable<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(work, "work"));
    }

    /** @return the task's name */
    public String name() {
        return name;
    }

    @Override
    public void run() {
        work.run();
    }

    @Override
    public String toString() {
        return "Task{" + name + '}';
    }

    /** A named {@link Callable}; the executor reads its name. */
    static final class NamedCallable<V> implements Callable<V> {
        final String name;
        private final Callable<V> work;

        NamedCallable(String name, Callable<V> work) {
            this.name = name;
            this.work = work;
        }

        @Override
        public V call() throws Exception {
            return work.call();
        }

        @Override
        public String toString() {
            return "Task{" + name + '}';
        }
    }
}
