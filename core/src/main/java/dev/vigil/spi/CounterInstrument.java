package dev.vigil.spi;

/** A backend counter bound to one {@link MeterSpec}. Core validates amounts before calling. */
public interface CounterInstrument {
    /**
     * Adds a finite, non-negative amount.
     *
     * @param amount the amount
     */
    void add(double amount);
}
