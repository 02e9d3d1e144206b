package dev.vigil.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random trace and span ids.
 *
 * <p>{@link ThreadLocalRandom} is used because it is contention-free and cheap; ids need to be unique, not
 * unpredictable. Every value is uniformly random and never zero, because an all-zero id is the W3C "invalid" marker.
 * Since all 64 bits of each half are random, trace ids generated here satisfy the W3C Level 2 "random trace id" flag.
 *
 * <p>Package-private: only core's sampler assigns ids; no handler needs to make its own.
 */
final class IdGenerator {

    private IdGenerator() {}

    /**
     * Returns a new random span id.
     *
     * @return a non-zero random 64-bit value
     */
    static long newSpanId() {
        return nonZero();
    }

    /**
     * Returns the high (left-most) 64 bits of a new random trace id.
     *
     * @return a non-zero random 64-bit value
     */
    static long newTraceIdHigh() {
        return nonZero();
    }

    /**
     * Returns the low (right-most) 64 bits of a new random trace id.
     *
     * @return a non-zero random 64-bit value
     */
    static long newTraceIdLow() {
        return nonZero();
    }

    private static long nonZero() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0L); // probability 2^-64 per draw: the loop practically never repeats
        return id;
    }
}
