package dev.vigil.internal;

import java.util.function.ToDoubleFunction;

/** Guards a user's gauge callback: a throw reads as NaN and a rate-limited warning, never a scrape failure. */
final class SafeGaugeFunction<T> implements ToDoubleFunction<T> {
    private final String name;
    private final ToDoubleFunction<T> delegate;

    SafeGaugeFunction(String name, ToDoubleFunction<T> delegate) {
        this.name = name;
        this.delegate = delegate;
    }

    @Override
    public double applyAsDouble(T value) {
        try {
            return delegate.applyAsDouble(value);
        } catch (Throwable e) {
            ApiWarnings.warn("gauge-failure", "gauge '" + name + "' callback threw " + e.getClass().getName()
                    + "; it reads as NaN");
            return Double.NaN;
        }
    }
}
