package dev.vigil.micrometer;

import io.micrometer.core.instrument.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock of the registry Vigil owns: wall time read from a field that one daemon thread refreshes every
 * {@value #TICK_MILLIS} ms, monotonic time from {@link System#nanoTime()}.
 *
 * <p>Why: Micrometer reads the wall clock twice per timer or distribution-summary recording (the time-window max
 * and the histogram each check whether to rotate), and on virtual machines {@code System.currentTimeMillis()}
 * costs about 20 ns, two thirds of a recording. Those reads only decide when windows of tens of seconds rotate,
 * so a value up to {@value #TICK_MILLIS} ms old changes nothing visible. Durations never come from here: Vigil
 * measures them with {@code System.nanoTime()}, and so does {@link #monotonicTime()}.
 *
 * <p>One thread serves every open clock of a {@link Ticking} group (one per JVM outside tests); it runs while at
 * least one clock is open and ends when the last one closes, with its registry. Before the first tick, after the
 * thread ended, or if it could not start, the clock reads the system clock.
 */
final class CoarseClock implements Clock {
    static final long TICK_MILLIS = 10;
    private static final Ticking SHARED = new Ticking();

    private final Ticking group;
    private boolean closed; // guarded by group

    private CoarseClock(Ticking group) {
        this.group = group;
    }

    /** @return a new clock on the JVM's ticker, counted as open until {@link #close()} */
    static CoarseClock open() {
        return open(SHARED);
    }

    static CoarseClock open(Ticking group) {
        CoarseClock c = new CoarseClock(group);
        group.opened();
        return c;
    }

    /** Stops counting this clock as open; the ticker ends with the group's last one. Idempotent. */
    void close() {
        synchronized (group) {
            if (closed) {
                return;
            }
            closed = true;
        }
        group.closed();
    }

    @Override
    public long wallTime() {
        Ticker t = group.ticker;
        long now = t == null ? 0L : t.now;
        return now != 0L ? now : System.currentTimeMillis();
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }

    /** The clocks one ticker thread serves: it runs while one of them is open. */
    static final class Ticking {
        /** The running ticker, or null; written under this object's lock. */
        private volatile Ticker ticker;
        private int open; // guarded by this

        synchronized void opened() {
            open++;
            if (ticker == null) {
                Ticker t = new Ticker();
                try {
                    t.start();
                    ticker = t;
                } catch (Throwable e) {
                    // SecurityException, OutOfMemoryError: no ticker, so every read takes the system clock
                }
            }
        }

        synchronized void closed() {
            Ticker t = ticker;
            if (--open == 0 && t != null) {
                ticker = null; // from now on reads take the system clock; the thread's last write goes nowhere
                t.running = false;
                LockSupport.unpark(t);
            }
        }

        /** @return the ticker thread, or null when none runs; for tests */
        synchronized Thread thread() {
            return ticker;
        }
    }

    /** Refreshes its {@link #now} until stopped. */
    private static final class Ticker extends Thread {
        volatile boolean running = true;
        /** The last tick's wall time; 0 before the first. */
        volatile long now;

        Ticker() {
            super("vigil-metrics-clock");
            setDaemon(true);
            setContextClassLoader(null); // holds no application class loader alive
        }

        @Override
        public void run() {
            long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
            while (running) {
                now = System.currentTimeMillis();
                LockSupport.parkNanos(this, tick);
            }
        }
    }
}
