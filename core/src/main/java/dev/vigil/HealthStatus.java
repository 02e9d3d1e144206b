package dev.vigil;

/** The status of one health check and of the service as a whole, worst first when aggregated. */
public enum HealthStatus {
    /** Everything works; {@code /health} answers 200. */
    HEALTHY,
    /** Working with reduced capacity or quality; {@code /health} still answers 200 so traffic keeps flowing. */
    DEGRADED,
    /** Not working; {@code /health} answers 503. */
    UNHEALTHY;

    /** @return the lower-case name used in the JSON, for example {@code healthy} */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
