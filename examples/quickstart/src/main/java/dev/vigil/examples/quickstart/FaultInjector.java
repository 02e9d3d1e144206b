package dev.vigil.examples.quickstart;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a set share of checkouts fail, evenly spread rather than random, so that a short run shows the same error
 * ratio every time: with 0.2, exactly one checkout in five fails.
 */
final class FaultInjector {
    /** Thrown by an injected failure; the service answers 500. */
    static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault() {
            super("injected fault", null, false, false);
        }
    }

    private final AtomicLong calls = new AtomicLong();
    private volatile double rate;

    /**
     * @param value the share of checkouts to fail, from 0 to 1
     * @return the JSON answer
     * @throws IllegalArgumentException when the value is not a number from 0 to 1 (the service answers 500)
     */
    String set(String value) {
        double r;
        try {
            r = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("error_rate must be a number from 0 to 1");
        }
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("error_rate must be a number from 0 to 1");
        }
        rate = r;
        calls.set(0);
        return "{\"error_rate\":" + r + "}";
    }

    /** Fails this call when it is one of the set share. */
    void maybeFail() {
        double r = rate;
        if (r <= 0) {
            return;
        }
        long n = calls.getAndIncrement();
        if (Math.floor((n + 1) * r) > Math.floor(n * r)) {
            throw new InjectedFault();
        }
    }
}
