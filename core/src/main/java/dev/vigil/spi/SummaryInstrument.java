package dev.vigil.spi;

/** A backend distribution summary bound to one {@link MeterSpec}. Core validates values before calling. */
public interface SummaryInstrument {
    /**
     * Records one finite value.
     *
     * @param value the value
     */
    void record(double value);
}
