package dev.vigil;

/**
 * One health check, registered with {@link HealthRegistry#register(String, HealthCheck)} and run on each
 * {@code GET /health}. A check that throws counts as {@link HealthStatus#UNHEALTHY} with the exception's
 * class name as its detail (never its message, which may hold secrets).
 *
 * <pre>{@code
 * vigil.health().register("db", () -> pool.isRunning() ? HealthResult.healthy() : HealthResult.unhealthy("pool down"));
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {
    /**
     * Runs the check on a health-check thread of its own, within {@code vigil.health.timeout-ms} (default 2 s):
     * a check that takes longer is reported unhealthy, and is not started again until it returns.
     *
     * @return the result
     * @throws Exception any failure, reported as unhealthy
     */
    HealthResult check() throws Exception;
}
