/**
 * The current context of a thread, and context that survives hand-offs between threads.
 *
 * <p>A {@link dev.vigil.context.Context} holds the active span, the baggage and typed entries; it is immutable and
 * made current for a block of code with a {@link dev.vigil.context.Scope}:
 *
 * <pre>{@code
 * try (Scope scope = Context.current().withSpan(span).makeCurrent()) {
 *     executor.submit(task); // with a wrapped executor, the task runs under `span` too
 * }
 * }</pre>
 *
 * <p>{@link dev.vigil.context.ContextPropagation} carries the context across executors, scheduled tasks,
 * {@link java.util.concurrent.CompletableFuture} stages and virtual threads; {@link dev.vigil.context.ContextStorage}
 * lets an adapter (OpenTelemetry) keep the context somewhere else. Everything here is JDK only and never throws into
 * the host: misuse (a scope closed out of order, a task that leaves a scope open) is reported through Vigil's
 * rate-limited warnings and repaired where that is safe.
 */
package dev.vigil.context;
