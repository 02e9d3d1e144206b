package dev.vigil.context;

import static dev.vigil.context.ContextTesting.randomSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 tasks per kind of hand-off, each submitted under its own random span: every task must see exactly its
 * submitter's context (100%), and every worker must be at the root context before and after every task (no leaked
 * scope), checked below the context wrapper by {@link ContextTesting.RootCheck}.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced in the body
class ContextStressTest {
    private static final int TASKS = 10_000;
    private static final ContextKey<Integer> INDEX = ContextKey.named("index");

    private final ContextPropagation cp = ContextPropagation.get();
    private final ContextTesting.RootCheck check = new ContextTesting.RootCheck();
    private final AtomicInteger correct = new AtomicInteger();
    private final List<String> wrong = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> toStop = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ExecutorService e : toStop) {
            e.shutdownNow();
            assertThat(e.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Context.current()).as("the submitting thread is back at root").isSameAs(Context.root());
    }

    @Test
    void fixedThreadPool() throws Exception {
        ThreadPoolExecutor raw = stopLater(check.fixedPool(8));
        ExecutorService pool = cp.wrap((ExecutorService) raw);
        List<Future<?>> futures = new ArrayList<>(TASKS);
        CountDownLatch executed = new CountDownLatch(TASKS / 3 + 1);
        for (int i = 0; i < TASKS; i++) {
            SpanContext span = randomSpan();
            int index = i;
            try (Scope s = Context.root().withSpan(span).with(INDEX, i).makeCurrent()) {
                switch (i % 3) {
                    case 0:
                        pool.execute(() -> {
                            verify(span, index);
                            executed.countDown();
                        });
                        break;
                    case 1:
                        futures.add(pool.submit(() -> verify(span, index)));
                        break;
                    default:
                        futures.add(pool.submit(() -> {
                            // A nested scope inside the task, closed properly, must not disturb anything.
                            try (Scope child = Context.current().withSpan(randomSpan()).makeCurrent()) {
                                Thread.yield();
                            }
                            verify(span, index);
                        }));
                }
            }
        }
        awaitAll(futures);
        assertThat(executed.await(30, TimeUnit.SECONDS)).isTrue();
        check.awaitRuns(TASKS);
        assertAllCorrect(TASKS);
        probeEveryWorker(raw, 8);
    }

    @Test
    void forkJoinPool() throws Exception {
        ExecutorService pool = cp.wrap(check.checking(stopLater(new ForkJoinPool(8))));
        List<Future<?>> futures = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            SpanContext span = randomSpan();
            int index = i;
            try (Scope s = Context.root().withSpan(span).with(INDEX, i).makeCurrent()) {
                futures.add(pool.submit(() -> verify(span, index)));
            }
        }
        awaitAll(futures);
        check.awaitRuns(TASKS);
        assertAllCorrect(TASKS);
    }

    @Test
    void scheduledThreadPool() throws Exception {
        ScheduledExecutorService scheduler = cp.wrap(stopLater(check.scheduledPool(4)));
        List<Future<?>> futures = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            SpanContext span = randomSpan();
            int index = i;
            try (Scope s = Context.root().withSpan(span).with(INDEX, i).makeCurrent()) {
                futures.add(i % 2 == 0
                        ? scheduler.schedule(() -> verify(span, index), i % 3, TimeUnit.MILLISECONDS)
                        : scheduler.schedule(() -> {
                            verify(span, index);
                        }, i % 3, TimeUnit.MILLISECONDS));
            }
        }
        awaitAll(futures);
        check.awaitRuns(TASKS);
        assertAllCorrect(TASKS);
    }

    @Test
    void completableFutureChainsAcrossPools() throws Exception {
        ExecutorService a = check.checking(stopLater(new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>())));
        ExecutorService b = check.checking(stopLater(new ForkJoinPool(4)));
        ExecutorService c = check.checking(stopLater(new ThreadPoolExecutor(3, 3, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>())));
        List<CompletableFuture<?>> chains = new ArrayList<>(2 * TASKS);
        for (int i = 0; i < TASKS; i++) {
            SpanContext span = randomSpan();
            SpanContext later = randomSpan();
            int index = i;
            CompletableFuture<Integer> chain;
            try (Scope s = Context.root().withSpan(span).with(INDEX, i).makeCurrent()) {
                chain = cp.supplyAsync(() -> verify(span, index), a)
                        .thenApplyAsync(x -> verify(span, index), b)
                        .thenCompose(x -> cp.supplyAsync(() -> verify(span, index), c))
                        .thenCombineAsync(cp.supplyAsync(() -> verify(span, index), b), (x, y) -> verify(span, index), a)
                        .whenComplete((x, t) -> verify(span, index));
                // CompletableFuture's default executor spawns a thread per task on small machines: used sparingly.
                chain = i % 100 == 0
                        ? chain.handleAsync((x, t) -> verify(span, index))
                        : chain.handleAsync((x, t) -> verify(span, index), b);
            }
            chains.add(chain);
            // A stage added later, under another context, runs in that one.
            try (Scope s = Context.root().withSpan(later).with(INDEX, -i).makeCurrent()) {
                chains.add(chain.thenApplyAsync(x -> verify(later, -index), c));
            }
        }
        for (CompletableFuture<?> chain : chains) {
            chain.get(30, TimeUnit.SECONDS);
        }
        check.awaitRuns(7 * TASKS - TASKS / 100);
        assertAllCorrect(8 * TASKS);
    }

    private int verify(SpanContext span, int index) {
        Context c = Context.current();
        if (c.span() == span && Integer.valueOf(index).equals(c.get(INDEX))) {
            correct.incrementAndGet();
        } else if (wrong.size() < 20) {
            wrong.add("task #" + index + " on " + Thread.currentThread().getName() + " saw " + c);
        }
        return index;
    }

    private void assertAllCorrect(int expected) {
        assertThat(wrong).isEmpty();
        assertThat(correct).hasValue(expected);
        assertThat(check.violations).as("workers before and after each task").isEmpty();
    }

    /** One task per worker, held at a barrier so that each worker takes exactly one, reports its context. */
    private static void probeEveryWorker(ThreadPoolExecutor raw, int workers) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(workers);
        Set<Thread> probed = ConcurrentHashMap.newKeySet();
        List<Future<Context>> probes = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            probes.add(raw.submit(() -> {
                probed.add(Thread.currentThread());
                barrier.await(10, TimeUnit.SECONDS);
                return Context.current();
            }));
        }
        for (Future<Context> p : probes) {
            assertThat(p.get(10, TimeUnit.SECONDS)).isSameAs(Context.root());
        }
        assertThat(probed).hasSize(workers);
    }

    private static void awaitAll(List<? extends Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    private <E extends ExecutorService> E stopLater(E executor) {
        toStop.add(executor);
        return executor;
    }
}
