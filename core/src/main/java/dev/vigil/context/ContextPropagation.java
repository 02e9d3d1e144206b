package dev.vigil.context;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Carries the current {@link Context} to other threads: wraps tasks, executors and {@link CompletableFuture}s so that
 * work runs under the context current when it was submitted, and the worker thread gets its own context back after.
 * The context is JVM-wide, so this works the same from {@code vigil.context()}, from the no-op Vigil and from
 * {@link #get()}.
 *
 * <pre>{@code
 * ExecutorService pool = vigil.context().wrap(Executors.newFixedThreadPool(8));
 * try (Scope scope = Context.current().withSpan(span).makeCurrent()) {
 *     pool.submit(() -> log.info("runs under span"));
 * }
 *
 * CompletableFuture<Order> order = vigil.context().supplyAsync(() -> load(id), pool)
 *         .thenApplyAsync(this::price, pricingPool);   // runs under the context of this line
 * }</pre>
 *
 * <p>Guarantees: wrapping never throws and never wraps twice (a wrapped object is returned as is, keeping the
 * context it captured); {@code null} is returned as {@code null}, so the executor rejects it as it would unwrapped; a
 * task's own exception propagates unchanged; after each task the worker is back at exactly its previous context, even
 * if the task left a {@link Scope} open. Cost per task: one ThreadLocal read and one small object at submit, a swap
 * and a restore of the ThreadLocal at run.
 */
public final class ContextPropagation {
    /** The entry key under which {@link #user(String)} puts the user's pseudonym. */
    public static final String USER_ID = "user_id";
    /** The most entries {@link #put(String, String)} keeps in one context; more are ignored with a warning. */
    public static final int MAX_ENTRIES = 64;
    private static final ContextPropagation INSTANCE = new ContextPropagation();

    private ContextPropagation() {
    }

    /**
     * The JVM-wide instance, the same one {@code vigil.context()} returns.
     *
     * <pre>{@code Runnable task = ContextPropagation.get().wrap(() -> work());}</pre>
     *
     * @return the shared instance
     */
    public static ContextPropagation get() {
        return INSTANCE;
    }

    /**
     * Wraps a task to run under the context current now.
     *
     * <pre>{@code new Thread(vigil.context().wrap(() -> work())).start();}</pre>
     *
     * @param task the task
     * @return the wrapped task; {@code task} itself if null or already wrapped
     */
    public Runnable wrap(Runnable task) {
        return ContextRunnable.wrap(task);
    }

    /**
     * Wraps a task to run under the context current now.
     *
     * <pre>{@code Future<Integer> f = rawPool.submit(vigil.context().wrap(() -> compute()));}</pre>
     *
     * @param task the task
     * @param <T> the result type
     * @return the wrapped task; {@code task} itself if null or already wrapped
     */
    public <T> Callable<T> wrap(Callable<T> task) {
        return ContextCallable.wrap(task);
    }

    /**
     * Wraps an executor: each task runs under the context current when it was passed to {@code execute}.
     *
     * <pre>{@code Executor executor = vigil.context().wrap(someExecutor);}</pre>
     *
     * @param executor the executor
     * @return the wrapped executor; {@code executor} itself if null or already wrapped
     */
    public Executor wrap(Executor executor) {
        return executor == null || executor instanceof ContextExecutor || executor instanceof ContextExecutorService
                ? executor : new ContextExecutor(executor);
    }

    /**
     * Wraps an executor service: every way of submitting ({@code execute}, {@code submit}, {@code invokeAll},
     * {@code invokeAny}) runs the tasks under the context current at submission.
     *
     * <pre>{@code ExecutorService pool = vigil.context().wrap(Executors.newFixedThreadPool(8));}</pre>
     *
     * @param executor the executor service
     * @return the wrapped service; {@code executor} itself if null or already wrapped
     */
    public ExecutorService wrap(ExecutorService executor) {
        return executor == null || executor instanceof ContextExecutorService
                ? executor : new ContextExecutorService(executor);
    }

    /**
     * Wraps a scheduled executor service: scheduled and periodic tasks run, every time, under the context current
     * when they were scheduled.
     *
     * <pre>{@code ScheduledExecutorService timer = vigil.context().wrap(Executors.newScheduledThreadPool(1));}</pre>
     *
     * @param executor the scheduled executor service
     * @return the wrapped service; {@code executor} itself if null or already wrapped
     */
    public ScheduledExecutorService wrap(ScheduledExecutorService executor) {
        return executor == null || executor instanceof ContextScheduledExecutorService
                ? executor : new ContextScheduledExecutorService(executor);
    }

    /**
     * Like {@link CompletableFuture#supplyAsync(Supplier, Executor)}, but the supplier runs under the context current
     * now, and so does every stage added later, each under the context current when it is added.
     *
     * <pre>{@code vigil.context().supplyAsync(() -> load(id), pool).thenApply(this::render);}</pre>
     *
     * @param supplier the supplier
     * @param executor where it runs
     * @param <T> the result type
     * @return a propagating future
     * @throws NullPointerException as {@code CompletableFuture} does, for a null supplier or executor
     */
    public <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier, Executor executor) {
        return new PropagatingFuture<T>().completeAsync(supplier, executor);
    }

    /**
     * Like {@link #supplyAsync(Supplier, Executor)} on CompletableFuture's default executor.
     *
     * @param supplier the supplier
     * @param <T> the result type
     * @return a propagating future
     */
    public <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier) {
        return new PropagatingFuture<T>().completeAsync(supplier);
    }

    /**
     * Like {@link CompletableFuture#runAsync(Runnable, Executor)}, propagating as {@link #supplyAsync}.
     *
     * <pre>{@code vigil.context().runAsync(() -> audit(order), pool);}</pre>
     *
     * @param task the task
     * @param executor where it runs
     * @return a propagating future completed with null after the task
     * @throws NullPointerException as {@code CompletableFuture} does, for a null task or executor
     */
    public CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
        return supplyAsync(asSupplier(task), executor);
    }

    /**
     * Like {@link #runAsync(Runnable, Executor)} on CompletableFuture's default executor.
     *
     * @param task the task
     * @return a propagating future completed with null after the task
     */
    public CompletableFuture<Void> runAsync(Runnable task) {
        return supplyAsync(asSupplier(task));
    }

    private static Supplier<Void> asSupplier(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task"); // as CompletableFuture.runAsync does, before anything runs
        }
        return () -> {
            task.run();
            return null;
        };
    }

    /**
     * A future that completes as {@code future} does, and whose dependent stages (thenApply, thenCompose,
     * whenComplete, handle, ... and their async forms) each run under the context current when the stage is added.
     *
     * <pre>{@code
     * CompletableFuture<Response> f = vigil.context().propagating(httpClient.sendAsync(request, handler));
     * f.thenAccept(r -> log.info("status {}", r.statusCode()));   // logs with this request's trace id
     * }</pre>
     *
     * @param future the future to follow; cancelling the returned future does not cancel it
     * @param <T> the result type
     * @return the propagating future; {@code future} itself if null or already propagating
     */
    public <T> CompletableFuture<T> propagating(CompletableFuture<T> future) {
        if (future == null || future instanceof PropagatingFuture) {
            return future;
        }
        PropagatingFuture<T> result = new PropagatingFuture<>();
        future.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /**
     * Puts a text entry in the current context until the returned scope is closed: every log line of the scope
     * carries it in its {@code context} object, and wrapped executors, futures and snapshots carry it to other
     * threads like the span. Works the same before {@code install()}: entries live in core's context, not in a
     * backend.
     *
     * <pre>{@code
     * try (Scope s = vigil.context().put("request_id", "req-456")) {
     *     log.info("Document processed");   // "context":{"request_id":"req-456"}
     * }
     * }</pre>
     *
     * <p>Never throws: a null or blank key is ignored with a rate-limited warning (the returned scope does
     * nothing), as is a new key beyond {@value #MAX_ENTRIES} entries; a null value removes the key for the scope.
     *
     * @param key the key, for example {@code request_id}
     * @param value the value; null removes the entry
     * @return the scope to close, on this thread, to restore the previous context
     */
    public Scope put(String key, String value) {
        if (key == null || key.isBlank()) {
            dev.vigil.internal.ApiWarnings.warn("invalid-context", "vigil.context().put(key, value) with a null or blank key ignored");
            return Scope.noop();
        }
        Context current = Context.current();
        ContextEntries entries = ContextEntries.from(current);
        if (value != null && entries.size() >= MAX_ENTRIES && entries.get(key) == null) {
            dev.vigil.internal.ApiWarnings.warn("context-entries", "vigil.context().put ignored: the context already holds "
                    + MAX_ENTRIES + " entries");
            return Scope.noop();
        }
        ContextEntries next = entries.with(key, value);
        return next == entries ? Scope.noop() : current.with(ContextEntries.KEY, next).makeCurrent();
    }

    /**
     * Puts the user's id in the current context under {@link #USER_ID} until the returned scope is closed,
     * pseudonymised by default: the first 8 bytes of HMAC-SHA256 with the key {@code vigil.privacy.user-id-key}
     * (a random key per process when unset), as 16 hex digits. Logs, audit events and error reports thus carry the
     * same pseudonym for the same user in one process (in every process that shares the key), and never the id.
     * {@code vigil.privacy.user-id=raw} keeps ids as they are.
     *
     * <pre>{@code
     * try (Scope u = vigil.context().user("user-789")) {
     *     log.info("Document processed");   // "context":{"user_id":"3f1c0a9e5b7d2c44"}
     * }
     * }</pre>
     *
     * <p>Before {@code install()} the two keys are read from system properties and environment variables;
     * from {@code install()} on, from the installed configuration. Never throws: a null id is ignored with a
     * rate-limited warning.
     *
     * @param id the user's id as the application knows it
     * @return the scope to close, on this thread, to restore the previous context
     */
    public Scope user(String id) {
        if (id == null) {
            dev.vigil.internal.ApiWarnings.warn("invalid-context", "vigil.context().user(null) ignored");
            return Scope.noop();
        }
        String pseudonym;
        try {
            pseudonym = dev.vigil.internal.UserIds.pseudonym(id);
        } catch (RuntimeException | LinkageError e) {
            dev.vigil.internal.ApiWarnings.warn("invalid-context", "vigil.context().user(...) ignored: " + e.getClass().getName());
            return Scope.noop();
        }
        return put(USER_ID, pseudonym);
    }

    /**
     * Captures the current context for later, see {@link ContextSnapshot}.
     *
     * <pre>{@code
     * ContextSnapshot snapshot = vigil.context().snapshot();
     * scheduler.later(() -> {
     *     try (Scope scope = snapshot.restore()) { callback(); }
     * });
     * }</pre>
     *
     * @return an immutable snapshot of the current context
     */
    public ContextSnapshot snapshot() {
        return new ContextSnapshot(Context.current());
    }

    @Override
    public String toString() {
        return "ContextPropagation{storage=" + ContextStorage.get() + '}';
    }
}
