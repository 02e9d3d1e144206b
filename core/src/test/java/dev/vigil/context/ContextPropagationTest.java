package dev.vigil.context;

import static dev.vigil.context.ContextTesting.onFreshThread;
import static dev.vigil.context.ContextTesting.randomSpan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.WarningCollector;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Wrapped tasks and executors run under the submitter's context and always give the worker its context back. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced in the body
class ContextPropagationTest {
    private final ContextPropagation cp = ContextPropagation.get();
    private final Context a = Context.root().withSpan(randomSpan());
    private final Context b = Context.root().withSpan(randomSpan());
    private final ScheduledExecutorService rawScheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        rawScheduler.shutdownNow();
        assertThat(Context.current()).as("no test leaves the test thread dirty").isSameAs(Context.root());
    }

    @Test
    void aWrappedTaskRunsUnderTheCapturedContextAndRestoresTheRunner() throws Exception {
        AtomicReference<Context> seen = new AtomicReference<>();
        Runnable task;
        Callable<Context> callable;
        try (Scope s = a.makeCurrent()) {
            task = cp.wrap(() -> seen.set(Context.current()));
            callable = cp.wrap(Context::current);
        }
        try (Scope s = b.makeCurrent()) {
            task.run();
            assertThat(seen.get()).isSameAs(a);
            assertThat(callable.call()).isSameAs(a);
            assertThat(Context.current()).isSameAs(b);
        }
        onFreshThread(() -> {
            task.run();
            assertThat(Context.current()).isSameAs(Context.root());
        });
        assertThat(task.toString()).startsWith("ContextRunnable{");
    }

    @Test
    void aTasksOwnExceptionPropagatesUnchangedAndTheContextIsRestored() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        IOException checked = new IOException("io");
        Runnable task;
        Callable<Object> callable;
        try (Scope s = a.makeCurrent()) {
            Runnable thrower = () -> {
                throw boom;
            };
            task = cp.wrap(thrower);
            callable = cp.wrap(() -> {
                throw checked;
            });
        }
        try (Scope s = b.makeCurrent()) {
            assertThatThrownBy(task::run).isSameAs(boom);
            assertThat(Context.current()).isSameAs(b);
            assertThatThrownBy(callable::call).isSameAs(checked);
            assertThat(Context.current()).isSameAs(b);
        }
        ExecutorService pool = cp.wrap(Executors.newSingleThreadExecutor());
        try {
            Future<?> f;
            try (Scope s = a.makeCurrent()) {
                Runnable thrower = () -> {
                    throw boom;
                };
                f = pool.submit(thrower);
            }
            assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCause(boom);
            assertThat(pool.submit(Context::current).get()).isSameAs(Context.root());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aTaskThatLeavesAScopeOpenIsRepairedWithAWarning() throws Exception {
        Runnable leaky;
        try (Scope s = a.makeCurrent()) {
            leaky = cp.wrap(() -> {
                Scope forgotten = b.makeCurrent();
                assertThat(forgotten).isNotNull();
            });
        }
        try (WarningCollector warnings = new WarningCollector()) {
            onFreshThread(() -> {
                leaky.run();
                assertThat(Context.current()).isSameAs(Context.root());
            });
            assertThat(warnings.kinds).containsExactly("scope-leak");
        }
    }

    @Test
    void wrappingTwiceReturnsTheWrappedObjectAndNullStaysNull() {
        Runnable r = cp.wrap(() -> { });
        Callable<String> c = cp.wrap(() -> "x");
        Executor e = cp.wrap((Executor) Runnable::run);
        ExecutorService es = cp.wrap(Executors.newSingleThreadExecutor());
        ScheduledExecutorService ses = cp.wrap(rawScheduler);
        CompletableFuture<String> f = cp.propagating(new CompletableFuture<>());
        try {
            assertThat(cp.wrap(r)).isSameAs(r);
            assertThat(cp.wrap(c)).isSameAs(c);
            assertThat(cp.wrap(e)).isSameAs(e);
            assertThat(cp.wrap(es)).isSameAs(es);
            assertThat(cp.wrap((Executor) es)).isSameAs(es);
            assertThat(cp.wrap(ses)).isSameAs(ses);
            assertThat(cp.wrap((ExecutorService) ses)).isSameAs(ses);
            assertThat(cp.wrap((Executor) ses)).isSameAs(ses);
            assertThat(cp.propagating(f)).isSameAs(f);
            assertThat(cp.wrap((Runnable) null)).isNull();
            assertThat(cp.wrap((Callable<?>) null)).isNull();
            assertThat(cp.wrap((Executor) null)).isNull();
            assertThat(cp.wrap((ExecutorService) null)).isNull();
            assertThat(cp.wrap((ScheduledExecutorService) null)).isNull();
            assertThat(cp.propagating(null)).isNull();
            assertThat(es.toString()).startsWith("ContextExecutorService{");
        } finally {
            es.shutdown();
        }
    }

    @Test
    void everySubmissionMethodOfAnExecutorServiceCarriesTheContext() throws Exception {
        ExecutorService pool = cp.wrap(Executors.newFixedThreadPool(2));
        try (Scope s = a.makeCurrent()) {
            Callable<Context> current = Context::current;
            AtomicReference<Context> seen = new AtomicReference<>();
            CountDownLatch executed = new CountDownLatch(1);
            pool.execute(() -> {
                seen.set(Context.current());
                executed.countDown();
            });
            assertThat(executed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen.get()).isSameAs(a);
            assertThat(pool.submit(current).get()).isSameAs(a);
            assertThat(pool.submit(() -> seen.set(Context.current()), "done").get()).isEqualTo("done");
            assertThat(seen.get()).isSameAs(a);
            seen.set(null);
            pool.submit(() -> seen.set(Context.current())).get();
            assertThat(seen.get()).isSameAs(a);
            for (Future<Context> f : pool.invokeAll(List.of(current, current))) {
                assertThat(f.get()).isSameAs(a);
            }
            for (Future<Context> f : pool.invokeAll(List.of(current, current), 10, TimeUnit.SECONDS)) {
                assertThat(f.get()).isSameAs(a);
            }
            assertThat(pool.invokeAny(List.of(current, current))).isSameAs(a);
            assertThat(pool.invokeAny(List.of(current), 10, TimeUnit.SECONDS)).isSameAs(a);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.isShutdown()).isTrue();
            assertThat(pool.isTerminated()).isTrue();
            assertThat(pool.shutdownNow()).isEmpty();
        }
    }

    @Test
    void everySchedulingMethodCarriesTheContextToEveryRun() throws Exception {
        ScheduledExecutorService scheduler = cp.wrap(rawScheduler);
        CountDownLatch fixedRate = new CountDownLatch(3);
        CountDownLatch fixedDelay = new CountDownLatch(3);
        List<Context> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScheduledFuture<?> rate;
        ScheduledFuture<?> delay;
        try (Scope s = a.makeCurrent()) {
            AtomicReference<Context> once = new AtomicReference<>();
            scheduler.schedule(() -> once.set(Context.current()), 1, TimeUnit.MILLISECONDS).get();
            assertThat(once.get()).isSameAs(a);
            assertThat(scheduler.schedule(Context::current, 1, TimeUnit.MILLISECONDS).get()).isSameAs(a);
            rate = scheduler.scheduleAtFixedRate(() -> {
                seen.add(Context.current());
                fixedRate.countDown();
            }, 0, 1, TimeUnit.MILLISECONDS);
        }
        try (Scope s = b.makeCurrent()) {
            delay = scheduler.scheduleWithFixedDelay(() -> {
                seen.add(Context.current());
                fixedDelay.countDown();
            }, 0, 1, TimeUnit.MILLISECONDS);
        }
        assertThat(fixedRate.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fixedDelay.await(10, TimeUnit.SECONDS)).isTrue();
        rate.cancel(false);
        delay.cancel(false);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(6).allMatch(c -> c == a || c == b);
        assertThat(seen).filteredOn(c -> c == a).hasSizeGreaterThanOrEqualTo(3);
        assertThat(seen).filteredOn(c -> c == b).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rawScheduler.submit(Context::current).get()).isSameAs(Context.root());
    }

    @Test
    void snapshotRestoresOnAnyThreadAndIsImmutable() throws Exception {
        ContextSnapshot snapshot;
        try (Scope s = a.makeCurrent()) {
            snapshot = cp.snapshot();
        }
        assertThat(snapshot.context()).isSameAs(a);
        onFreshThread(() -> {
            try (Scope s = snapshot.restore()) {
                assertThat(Context.current()).isSameAs(a);
            }
            assertThat(Context.current()).isSameAs(Context.root());
        });
        AtomicReference<Context> seen = new AtomicReference<>();
        Runnable task = snapshot.wrap(() -> seen.set(Context.current()));
        try (Scope s = b.makeCurrent()) {
            task.run();
            assertThat(snapshot.context()).as("making another context current changes no snapshot").isSameAs(a);
        }
        assertThat(seen.get()).isSameAs(a);
        assertThat(snapshot.wrap(task)).isSameAs(task);
        assertThat(snapshot.toString()).contains(a.span().traceIdHex());
    }

    @Test
    void vigilContextIsTheJvmWidePropagationEvenWhenNoop() throws Exception {
        assertThat(Vigil.noop().context()).isSameAs(ContextPropagation.get());
        assertThat(Vigil.global().context()).isSameAs(ContextPropagation.get());
        Runnable task;
        AtomicReference<Context> seen = new AtomicReference<>();
        try (Scope s = a.makeCurrent()) {
            task = Vigil.noop().context().wrap(() -> seen.set(Context.current()));
        }
        onFreshThread(task);
        assertThat(seen.get()).isSameAs(a);
        assertThat(cp.toString()).contains("ThreadLocalContextStorage");
    }

    @Test
    void wrappingNeverThrowsButTheExecutorsOwnRejectionPropagates() {
        ExecutorService pool = cp.wrap(Executors.newSingleThreadExecutor());
        pool.shutdown();
        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThat(Context.current()).isSameAs(Context.root());
    }
}
