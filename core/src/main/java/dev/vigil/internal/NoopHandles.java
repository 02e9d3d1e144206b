package dev.vigil.internal;

import dev.vigil.KpiCounter;
import dev.vigil.KpiSummary;
import dev.vigil.KpiTimer;
import dev.vigil.spi.MeterType;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Handles that record nothing: what Vigil returns before install, for invalid input, and after close.
 * They still run the work handed to {@code time}, because the host's code must run either way.
 */
public final class NoopHandles implements KpiCounter, KpiTimer, KpiSummary {
    /** The single instance. */
    public static final NoopHandles INSTANCE = new NoopHandles();

    private NoopHandles() {
    }

    static Object of(MeterType type) {
        return INSTANCE;
    }

    @Override
    public void increment() {
    }

    @Override
    public void add(double amount) {
    }

    @Override
    public void recordNanos(long nanos) {
    }

    @Override
    public void record(Duration duration) {
    }

    @Override
    public <T> T time(Supplier<T> work) {
        return work.get();
    }

    @Override
    public void time(Runnable work) {
        work.run();
    }

    @Override
    public void record(double value) {
    }
}
