package dev.vigil.context;

import dev.vigil.trace.SpanContext;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared helpers: random spans, and executors that check every worker is at the root context around each task. */
final class ContextTesting {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ContextTesting() {
    }

    /** A sampled span context with random, non-zero ids. */
    static SpanContext randomSpan() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return SpanContext.create(r.nextLong(1, Long.MAX_VALUE), r.nextLong(), r.nextLong(1, Long.MAX_VALUE),
                SpanContext.FLAG_SAMPLED, null);
    }

    /** Runs {@code body} on a new thread and waits, so that misuse tests cannot leave the test thread dirty. */
    static void onFreshThread(Runnable body) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "context-test-" + THREADS.incrementAndGet());
        t.start();
        t.join();
        if (failure[0] instanceof Error) {
            throw (Error) failure[0];
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    /**
     * Counts tasks and records any run that did not start or end at the root context. It sits below the context
     * wrapper (it runs the wrapped task), so it sees what the worker thread is left with.
     */
    static final class RootCheck {
        final AtomicInteger runs = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();

        void before() {
            Context c = Context.current();
            if (c != Context.root()) {
                violations.add("before task on " + Thread.currentThread().getName() + ": " + c);
            }
        }

        void after() {
            runs.incrementAndGet();
            Context c = Context.current();
            if (c != Context.root()) {
                violations.add("after task on " + Thread.currentThread().getName() + ": " + c);
            }
        }

        /** Waits until {@code expected} runs ended: a pool's after-hook may run just after the task's future completes. */
        void awaitRuns(int expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runs.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (runs.get() != expected) {
                throw new AssertionError("expected " + expected + " task runs, saw " + runs.get());
            }
        }

        Runnable around(Runnable task) {
            return () -> {
                before();
                try {
                    task.run();
                } finally {
                    after();
                }
            };
        }

        /** An executor service that runs each task inside {@link #around}; submit paths build on execute. */
        ExecutorService checking(ExecutorService raw) {
            return new AbstractExecutorService() {
                @Override
                public void execute(Runnable command) {
                    raw.execute(around(command));
                }

                @Override
                public void shutdown() {
                    raw.shutdown();
                }

                @Override
                public List<Runnable> shutdownNow() {
                    return raw.shutdownNow();
                }

                @Override
                public boolean isShutdown() {
                    return raw.isShutdown();
                }

                @Override
                public boolean isTerminated() {
                    return raw.isTerminated();
                }

                @Override
                public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                    return raw.awaitTermination(timeout, unit);
                }
            };
        }

        /** A fixed pool whose workers are checked before and after every task, via the executor's own hooks. */
        ThreadPoolExecutor fixedPool(int threads) {
            return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>()) {
                @Override
                protected void beforeExecute(Thread t, Runnable r) {
                    before();
                }

                @Override
                protected void afterExecute(Runnable r, Throwable t) {
                    after();
                }
            };
        }

        /** A scheduled pool checked like {@link #fixedPool}. */
        ScheduledThreadPoolExecutor scheduledPool(int threads) {
            return new ScheduledThreadPoolExecutor(threads) {
                @Override
                protected void beforeExecute(Thread t, Runnable r) {
                    before();
                }

                @Override
                protected void afterExecute(Runnable r, Throwable t) {
                    after();
                }
            };
        }
    }
}
