package dev.vigil.internal;

import dev.vigil.KpiTimer;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.TimerInstrument;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A timer handle that validates, never throws (whatever the backend throws, Errors included), and becomes a warning no-op after close. Failed work is
 * recorded under the same name with {@code error.type}, the exception's fully qualified class name.
 */
final class SafeTimer implements KpiTimer {
    private final MeterEngine engine;
    private final MeterSpec spec;
    private final TimerInstrument delegate;

    SafeTimer(MeterEngine engine, MeterSpec spec, TimerInstrument delegate) {
        this.engine = engine;
        this.spec = spec;
        this.delegate = delegate;
    }

    @Override
    public void recordNanos(long nanos) {
        if (engine.closed) {
            engine.warnClosed(spec.name());
            return;
        }
        if (nanos < 0) {
            ApiWarnings.warn("invalid-value", "timer '" + spec.name() + "' ignores the negative duration " + nanos + " ns");
            return;
        }
        try {
            delegate.recordNanos(nanos);
        } catch (Throwable e) {
            ApiWarnings.warn("backend-failure", "timer '" + spec.name() + "' failed to record: " + e);
        }
    }

    @Override
    public void record(Duration duration) {
        if (duration == null) {
            ApiWarnings.warn("invalid-value", "timer '" + spec.name() + "' ignores a null duration");
            return;
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        recordNanos(nanos);
    }

    /** Records a failed call under this name with {@code error.type}. */
    void recordError(long nanos, Throwable error) {
        try {
            ((KpiTimer) engine.withErrorType(spec, ErrorTypes.of(error))).recordNanos(nanos);
        } catch (Throwable e) {
            // The work's own exception is what the host must see, never one from recording it.
            ApiWarnings.warn("backend-failure", "timer '" + spec.name() + "' failed to record a failure: " + e);
        }
    }

    @Override
    public <T> T time(Supplier<T> work) {
        long start = System.nanoTime();
        T result;
        try {
            result = work.get();
        } catch (Throwable t) {
            recordError(System.nanoTime() - start, t);
            throw t;
        }
        recordNanos(System.nanoTime() - start);
        return result;
    }

    @Override
    public void time(Runnable work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Throwable t) {
            recordError(System.nanoTime() - start, t);
            throw t;
        }
        recordNanos(System.nanoTime() - start);
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
