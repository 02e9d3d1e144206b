package dev.vigil.context;

import static dev.vigil.context.ContextTesting.randomSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trace.SpanContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Context across virtual threads. Compiled at release 17, so virtual threads are reached reflectively; run on JDK 21+
 * by the {@code virtual-threads} surefire execution (see core/pom.xml) and excluded from the default run.
 */
@Tag("virtual-threads")
@SuppressWarnings("try") // scopes are opened for their effect, not referenced in the body
class VirtualThreadContextTest {
    private static final int TASKS = 10_000;
    private static final ContextKey<Integer> INDEX = ContextKey.named("index");

    private final ContextTesting.RootCheck check = new ContextTesting.RootCheck();
    private final AtomicInteger correct = new AtomicInteger();
    private final List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ExecutorService virtualThreads;

    @BeforeEach
    void start() throws Throwable {
        MethodHandle factory = MethodHandles.publicLookup().findStatic(Executors.class,
                "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
        virtualThreads = ContextPropagation.get().wrap(check.checking((ExecutorService) factory.invokeExact()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        virtualThreads.shutdown();
        assertThat(virtualThreads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runsOnAJdkWithVirtualThreads() {
        System.out.println("VirtualThreadContextTest runs on Java " + Runtime.version()
                + " (" + System.getProperty("java.home") + ")");
        assertThat(Runtime.version().feature()).as("this test must run on JDK 21+, never be skipped").isGreaterThanOrEqualTo(21);
    }

    @Test
    void tenThousandTasksEachSeeTheirSubmittersSpanAcrossParking() throws Exception {
        List<Future<?>> futures = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            SpanContext span = randomSpan();
            int index = i;
            try (Scope s = Context.root().withSpan(span).with(INDEX, i).makeCurrent()) {
                futures.add(virtualThreads.submit(() -> {
                    assertVirtual();
                    verify(span, index, "before parking");
                    // Parking unmounts the virtual thread; it may resume on another carrier with its context intact.
                    LockSupport.parkNanos(100_000);
                    verify(span, index, "after parking");
                    return null;
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(wrong).isEmpty();
        assertThat(correct).hasValue(2 * TASKS);
        check.awaitRuns(TASKS);
        assertThat(check.violations).as("every virtual thread starts and ends at root").isEmpty();
        assertThat(Context.current()).isSameAs(Context.root());
    }

    @Test
    void completableFutureChainsHopBetweenVirtualAndPlatformThreads() throws Exception {
        ExecutorService platform = ContextPropagation.get().wrap(check.checking(Executors.newFixedThreadPool(4)));
        try {
            ContextPropagation cp = ContextPropagation.get();
            List<CompletableFuture<Integer>> chains = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                SpanContext span = randomSpan();
                int index = i;
                try (Scope s = Context.root().withSpan(span).with(INDEX, i).makeCurrent()) {
                    chains.add(cp.supplyAsync(() -> verify(span, index, "supply on virtual"), virtualThreads)
                            .thenApplyAsync(x -> verify(span, index, "apply on platform"), platform)
                            .thenCompose(x -> cp.supplyAsync(() -> verify(span, index, "compose on virtual"),
                                    virtualThreads)));
                }
            }
            for (CompletableFuture<Integer> chain : chains) {
                chain.get(30, TimeUnit.SECONDS);
            }
            assertThat(wrong).isEmpty();
            assertThat(correct).hasValue(3 * TASKS);
            check.awaitRuns(3 * TASKS);
            assertThat(check.violations).isEmpty();
        } finally {
            platform.shutdown();
        }
    }

    private int verify(SpanContext span, int index, String where) {
        Context c = Context.current();
        if (c.span() == span && Integer.valueOf(index).equals(c.get(INDEX))) {
            correct.incrementAndGet();
        } else {
            wrong.add(where + " #" + index + ": " + c);
        }
        return index;
    }

    private static void assertVirtual() {
        try {
            Object virtual = Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
            assertThat(virtual).isEqualTo(Boolean.TRUE);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no Thread.isVirtual(): not a JDK 21+", e);
        }
    }
}
