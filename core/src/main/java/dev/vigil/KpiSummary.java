package dev.vigil;

/** A pre-bound distribution summary from {@link Kpi#summary()}. Safe to keep and share. */
public interface KpiSummary {
    /**
     * Records a value; NaN or infinite values are ignored with a rate-limited warning.
     *
     * @param value the value
     */
    void record(double value);
}
