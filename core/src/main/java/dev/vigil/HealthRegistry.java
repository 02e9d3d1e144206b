package dev.vigil;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health checks served at {@code GET /health}. The service is as healthy as its worst check: any
 * unhealthy check makes it unhealthy (503), else any degraded check makes it degraded (200).
 *
 * <pre>{@code
 * vigil.health().register("db", () -> db.ping() ? HealthResult.healthy() : HealthResult.unhealthy("no ping"));
 * }</pre>
 */
public final class HealthRegistry {
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final Redaction redaction;

    HealthRegistry(Redaction redaction) {
        this.redaction = redaction;
    }

    /**
     * Registers a check, replacing one of the same name.
     *
     * @param name a short name, the key in the JSON's {@code checks} object
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
     * Removes a check.
     *
     * @param name the check's name
     * @return true when a check was removed
     */
    public boolean unregister(String name) {
        return name != null && checks.remove(name) != null;
    }

    /**
     * Runs every check now. A check that throws is unhealthy with the exception's class name as detail,
     * never its message, which may hold secrets. Every detail is {@link Redaction#redact(String) redacted} with
     * the installed policy, so what {@code /health} shows never holds a secret a check put in it.
     *
     * @return the results by name, in name order
     */
    public Map<String, HealthResult> runAll() {
        Map<String, HealthResult> results = new LinkedHashMap<>();
        checks.keySet().stream().sorted().forEach(name -> {
            HealthCheck check = checks.get(name);
            if (check == null) {
                return;
            }
            HealthResult r;
            try {
                r = check.check();
                if (r == null) {
                    r = HealthResult.unhealthy("check returned null");
                }
            } catch (Exception | LinkageError | StackOverflowError e) {
                r = HealthResult.unhealthy(e.getClass().getName());
            }
            results.put(name, redacted(r));
        });
        return Collections.unmodifiableMap(results);
    }

    private HealthResult redacted(HealthResult r) {
        String detail = r.detail();
        String safe = redaction.redact(detail);
        return safe == detail ? r : HealthResult.of(r.status(), safe);
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
