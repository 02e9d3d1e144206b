package dev.vigil.spi;

/** A backend timer bound to one {@link MeterSpec}. Core validates durations before calling. */
public interface TimerInstrument {
    /**
     * Records one duration.
     *
     * @param nanos the non-negative duration in nanoseconds
     */
    void recordNanos(long nanos);
}
