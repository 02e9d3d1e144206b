package dev.vigil;

/**
 * A pre-bound counter from {@link Kpi#counter()}: no lookup per call, no allocation. Safe to keep in a
 * field and share between threads.
 */
public interface KpiCounter {
    /** Adds one. */
    void increment();

    /**
     * Adds an amount; a negative, NaN or infinite amount is ignored with a rate-limited warning.
     *
     * @param amount the amount
     */
    void add(double amount);
}
