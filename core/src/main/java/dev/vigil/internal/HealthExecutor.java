package dev.vigil.internal;

import dev.vigil.HealthCheck;
import dev.vigil.HealthResult;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs health checks in parallel on a few daemon threads of their own, each with a timeout, so that a check
 * which hangs or is slow never holds a caller past the timeout, and never takes a thread from the management
 * server. A check still running from an earlier call is not started again: later calls wait for that same run,
 * within their own timeout. So a check that never returns keeps one thread, not one per request.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class HealthExecutor {
    /** The default timeout of one check. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final int THREADS = 8;
    private static final int QUEUE = 64;

    private final Duration timeout;
    private final HealthResult timedOut;
    private final ThreadPoolExecutor pool;
    private final ConcurrentMap<HealthCheck, CompletableFuture<HealthResult>> running = new ConcurrentHashMap<>();

    /** @param timeout how long one check may take before it is reported unhealthy */
    public HealthExecutor(Duration timeout) {
        this.timeout = timeout;
        this.timedOut = HealthResult.unhealthy("timed out after " + timeout.toMillis() + " ms");
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "vigil-health-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** @return how long one check may take */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Starts every check and gathers the results; the future completes within the timeout.
     *
     * @param checks the checks by name, in the order the results should have
     * @param run runs one check and turns what it throws into a result; it must not throw
     * @return the results by name, in the checks' order
     */
    public CompletableFuture<Map<String, HealthResult>> runAll(Map<String, HealthCheck> checks, Function<HealthCheck, HealthResult> run) {
        if (checks.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        Map<String, CompletableFuture<HealthResult>> results = new LinkedHashMap<>();
        for (Map.Entry<String, HealthCheck> e : checks.entrySet()) {
            // A copy, so that this call's timeout completes only its own view of a shared run.
            results.put(e.getKey(), start(e.getValue(), run).copy()
                    .completeOnTimeout(timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        return CompletableFuture.allOf(results.values().toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            Map<String, HealthResult> byName = new LinkedHashMap<>();
            results.forEach((name, result) -> byName.put(name, result.join()));
            return Collections.unmodifiableMap(byName);
        });
    }

    private CompletableFuture<HealthResult> start(HealthCheck check, Function<HealthCheck, HealthResult> run) {
        CompletableFuture<HealthResult> mine = new CompletableFuture<>();
        CompletableFuture<HealthResult> earlier = running.putIfAbsent(check, mine);
        if (earlier != null) {
            return earlier;
        }
        try {
            pool.execute(() -> {
                try {
                    mine.complete(run.apply(check));
                } catch (Throwable t) {
                    // run() handles what a check throws; this is the last guard, for an Error it let through.
                    mine.complete(HealthResult.unhealthy(t.getClass().getName()));
                } finally {
                    running.remove(check, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(check, mine);
            mine.complete(HealthResult.unhealthy("not run: every health-check thread is busy"));
        }
        return mine;
    }
}
