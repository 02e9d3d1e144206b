package dev.vigil;

import java.util.Objects;

/** The immutable outcome of one {@link HealthCheck}: a status and an optional short detail. */
public final class HealthResult {
    private static final HealthResult HEALTHY = new HealthResult(HealthStatus.HEALTHY, null);

    private final HealthStatus status;
    private final String detail;

    private HealthResult(HealthStatus status, String detail) {
        this.status = Objects.requireNonNull(status, "status");
        this.detail = detail;
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
        return new HealthResult(HealthStatus.DEGRADED, detail);
    }

    /**
     * @param detail why it is unhealthy
     * @return an unhealthy result
     */
    public static HealthResult unhealthy(String detail) {
        return new HealthResult(HealthStatus.UNHEALTHY, detail);
    }

    /**
     * @param status the status
     * @param detail a short detail, or null
     * @return a result
     */
    public static HealthResult of(HealthStatus status, String detail) {
        return new HealthResult(status, detail);
    }

    /** @return the status */
    public HealthStatus status() {
        return status;
    }

    /** @return the detail, or null */
    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthResult && ((HealthResult) o).status == status
                && Objects.equals(((HealthResult) o).detail, detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, detail);
    }

    @Override
    public String toString() {
        return detail == null ? status.jsonName() : status.jsonName() + " (" + detail + ")";
    }
}
