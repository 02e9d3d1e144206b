package dev.vigil;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable outcome of one {@link HealthCheck}: a status, an optional short detail, and optional named details
 * (numbers or short texts) that {@code /health} shows under the check's {@code details}.
 *
 * <pre>{@code
 * return HealthResult.degraded("replica lag").withDetail("lag_seconds", 4.2).withDetail("replica", "db-2");
 * }</pre>
 */
public final class HealthResult {
    private static final HealthResult HEALTHY = new HealthResult(HealthStatus.HEALTHY, null, Map.of());

    private final HealthStatus status;
    private final String detail;
    private final Map<String, Object> details;

    private HealthResult(HealthStatus status, String detail, Map<String, Object> details) {
        this.status = Objects.requireNonNull(status, "status");
        this.detail = detail;
        this.details = details;
    }

    /** @return a healthy result with no detail */
    public static HealthResult healthy() {
        return HEALTHY;
    }

    /**
     * @param detail why it is degraded
     * @return a degraded result
     */
    public static HealthResult degraded(String detail) {
        return new HealthResult(HealthStatus.DEGRADED, detail, Map.of());
    }

    /**
     * @param detail why it is unhealthy
     * @return an unhealthy result
     */
    public static HealthResult unhealthy(String detail) {
        return new HealthResult(HealthStatus.UNHEALTHY, detail, Map.of());
    }

    /**
     * @param status the status
     * @param detail a short detail, or null
     * @return a result
     */
    public static HealthResult of(HealthStatus status, String detail) {
        return new HealthResult(status, detail, Map.of());
    }

    /**
     * A copy with one more named detail, shown in {@code /health} as a JSON string. Like the detail, it passes through
     * the redaction policy (by its key too: a detail named {@code password} shows as {@code ****}).
     *
     * @param key a short name, for example {@code path}; null is ignored
     * @param value the value; null is ignored
     * @return a result with that detail added (replacing one of the same key)
     */
    public HealthResult withDetail(String key, String value) {
        return key == null || value == null ? this : with(key, value);
    }

    /**
     * A copy with one more named numeric detail, shown in {@code /health} as a JSON number.
     *
     * @param key a short name, for example {@code free_percent}; null is ignored
     * @param value the value; NaN and infinities are ignored, as JSON has no such numbers
     * @return a result with that detail added (replacing one of the same key)
     */
    public HealthResult withDetail(String key, double value) {
        return key == null || Double.isNaN(value) || Double.isInfinite(value) ? this : with(key, value);
    }

    /**
     * A copy with one more named whole-number detail, shown in {@code /health} as a JSON number.
     *
     * @param key a short name, for example {@code queue_depth}; null is ignored
     * @param value the value
     * @return a result with that detail added (replacing one of the same key)
     */
    public HealthResult withDetail(String key, long value) {
        return key == null ? this : with(key, value);
    }

    private HealthResult with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return new HealthResult(status, detail, Collections.unmodifiableMap(copy));
    }

    /** @return the status */
    public HealthStatus status() {
        return status;
    }

    /** @return the detail, or null */
    public String detail() {
        return detail;
    }

    /** @return the named details in the order they were added: {@code String}, {@code Long} or {@code Double} values */
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthResult && ((HealthResult) o).status == status
                && Objects.equals(((HealthResult) o).detail, detail) && ((HealthResult) o).details.equals(details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, detail, details);
    }

    @Override
    public String toString() {
        return detail == null ? status.jsonName() : status.jsonName() + " (" + detail + ")";
    }
}
