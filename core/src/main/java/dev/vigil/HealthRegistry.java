package dev.vigil;

import dev.vigil.internal.HealthExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health checks served at {@code GET /health}. The service is as healthy as its worst check: any
 * unhealthy check makes it unhealthy (503), else any degraded check makes it degraded (200). Checks run in
 * parallel on a few threads of their own, each with a timeout ({@code vigil.health.timeout-ms}, default 2 s);
 * one that takes longer is reported unhealthy, and is not started again while it still runs.
 *
 * <pre>{@code
 * vigil.health().register("db", () -> db.ping() ? HealthResult.healthy() : HealthResult.unhealthy("no ping"));
 * }</pre>
 */
public final class HealthRegistry {
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final HealthExecutor executor;
    private final Redaction redaction;

    HealthRegistry(Redaction redaction) {
        this(redaction, HealthExecutor.DEFAULT_TIMEOUT);
    }

    HealthRegistry(Redaction redaction, Duration timeout) {
        this.redaction = redaction;
        this.executor = new HealthExecutor(timeout);
    }

    /**
     * Registers a check, replacing one of the same name.
     *
     * @param name a short name, the key in the {@code /health} JSON's {@code components} object
     * @param check the check
     * @return this registry
     * @throws IllegalArgumentException when the name is null or empty or the check is null (a configuration-time error)
     */
    public HealthRegistry register(String name, HealthCheck check) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a health check needs a non-empty name");
        }
        checks.put(name, Objects.requireNonNull(check, "check for '" + name + "'"));
        return this;
    }

    /**
     * Registers the connectivity check of a data source: each run takes a connection and asks
     * {@link java.sql.Connection#isValid(int)}, within {@code vigil.health.timeout-ms}; a failure to connect, an invalid
     * connection or a timeout is unhealthy (the detail names the exception's class and SQL state, never its message).
     * Data sources wrapped by {@code vigil.db().dataSource(...)} are registered by themselves, as {@code db},
     * {@code db-2}, ...
     *
     * <pre>{@code vigil.health().dataSource("orders-db", ordersDataSource);}</pre>
     *
     * @param name the check's name
     * @param dataSource the data source
     * @return this registry
     * @throws IllegalArgumentException when the name is null or empty, or the data source is null
     */
    public HealthRegistry dataSource(String name, javax.sql.DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("the data source of health check '" + name + "' is null");
        }
        return register(name, dev.vigil.internal.BuiltInChecks.dataSource(dataSource, timeout()));
    }

    /**
     * Removes a check.
     *
     * @param name the check's name
     * @return true when a check was removed
     */
    public boolean unregister(String name) {
        return name != null && checks.remove(name) != null;
    }

    /**
     * Runs every check now, in parallel, and waits for them at most the timeout. A check that throws is
     * unhealthy with the exception's class name as detail, never its message, which may hold secrets; one that
     * takes longer than the timeout is unhealthy with {@code timed out after ... ms}. Every detail is
     * {@link Redaction#redact(String) redacted} with the installed policy, so what {@code /health} shows never
     * holds a secret a check put in it.
     *
     * @return the results by name, in name order
     */
    public Map<String, HealthResult> runAll() {
        return runAllAsync().join();
    }

    /** The same as {@link #runAll()} without waiting: the management server's threads never block on a check. */
    CompletableFuture<Map<String, HealthResult>> runAllAsync() {
        return executor.runAll(new TreeMap<>(checks), this::run);
    }

    /** @return how long one check may take */
    Duration timeout() {
        return executor.timeout();
    }

    private HealthResult run(HealthCheck check) {
        HealthResult r;
        try {
            r = check.check();
            if (r == null) {
                r = HealthResult.unhealthy("check returned null");
            }
        } catch (Exception | LinkageError | StackOverflowError e) {
            r = HealthResult.unhealthy(e.getClass().getName());
        }
        return redacted(r);
    }

    private HealthResult redacted(HealthResult r) {
        String detail = r.detail();
        String safe = redaction.redact(detail);
        boolean changed = safe != detail;
        for (Map.Entry<String, Object> e : r.details().entrySet()) {
            if (e.getValue() instanceof String || redaction.isSensitiveKey(e.getKey())) {
                changed |= !String.valueOf(e.getValue()).equals(redaction.redactValue(e.getKey(), String.valueOf(e.getValue())));
            }
        }
        if (!changed) {
            return r;
        }
        HealthResult out = HealthResult.of(r.status(), safe);
        for (Map.Entry<String, Object> e : r.details().entrySet()) {
            Object v = e.getValue();
            if (v instanceof String || redaction.isSensitiveKey(e.getKey())) {
                out = out.withDetail(e.getKey(), redaction.redactValue(e.getKey(), String.valueOf(v)));
            } else if (v instanceof Long) {
                out = out.withDetail(e.getKey(), (long) (Long) v);
            } else {
                out = out.withDetail(e.getKey(), (double) (Double) v);
            }
        }
        return out;
    }

    /**
     * The worst status of a set of results.
     *
     * @param results results, as from {@link #runAll()}
     * @return the aggregate status; healthy when there are no checks
     */
    public static HealthStatus aggregate(Map<String, HealthResult> results) {
        HealthStatus worst = HealthStatus.HEALTHY;
        for (HealthResult r : results.values()) {
            if (r.status().ordinal() > worst.ordinal()) {
                worst = r.status();
            }
        }
        return worst;
    }
}
