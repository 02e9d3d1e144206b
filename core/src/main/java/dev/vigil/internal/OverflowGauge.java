package dev.vigil.internal;

import dev.vigil.spi.CounterInstrument;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The overflow series of a gauge name: reads the sum of every gauge folded into it, so that the sum over a
 * name's series stays what it would have been without the budget. A folded gauge costs one weakly held
 * member (40 bytes) instead of a registered meter, and its member is dropped at the first read after its
 * object was collected: memory follows the objects the application keeps alive, as a gauge must.
 *
 * <p>Folding pushes onto a lock-free stack, so a recording thread never waits; reads (scrapes) are serialised
 * among themselves by a lock that no recording thread takes. A callback that throws or reads NaN adds nothing.
 */
final class OverflowGauge {
    private final String name;
    /** Counts each fold in {@code vigil.metrics.overflow{metric}}. */
    final CounterInstrument folds;
    private final AtomicReference<Member<?>> head = new AtomicReference<>();
    private final Object readLock = new Object();

    OverflowGauge(String name, CounterInstrument folds) {
        this.name = name;
        this.folds = folds;
    }

    /** One folded gauge: its object, weakly held, and how to read it. */
    private static final class Member<T> extends WeakReference<T> {
        private final ToDoubleFunction<T> fn;
        /** Written before the push publishes it; afterwards only by a reader holding the read lock. */
        Member<?> next;

        Member(T obj, ToDoubleFunction<T> fn) {
            super(obj);
            this.fn = fn;
        }

        /** @return the value, or NaN when the object is gone */
        double read() {
            T obj = get();
            return obj == null ? Double.NaN : fn.applyAsDouble(obj);
        }
    }

    /** Adds a folded gauge; lock-free. */
    <T> void add(T obj, ToDoubleFunction<T> fn) {
        Member<T> m = new Member<>(obj, fn);
        Member<?> h;
        do {
            h = head.get();
            m.next = h;
        } while (!head.compareAndSet(h, m));
    }

    /** @return the sum of the live members' values; drops the members whose object was collected */
    double sum() {
        synchronized (readLock) {
            double total = 0;
            Member<?> prev = null;
            for (Member<?> m = head.get(); m != null; m = m.next) {
                if (prev != null && m.refersTo(null)) {
                    // Unlinked; never the head, which a concurrent push may be linking behind a new member.
                    prev.next = m.next;
                    continue;
                }
                total += readSafely(m);
                prev = m;
            }
            return total;
        }
    }

    private double readSafely(Member<?> m) {
        try {
            double v = m.read();
            return Double.isNaN(v) ? 0 : v;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            ApiWarnings.warn("gauge-failure", "gauge '" + name + "' callback threw " + e.getClass().getName()
                    + "; its value is left out of the overflow series");
            return 0;
        }
    }

    /** @return how many members are held, collected or not; for tests */
    int members() {
        synchronized (readLock) {
            int n = 0;
            for (Member<?> m = head.get(); m != null; m = m.next) {
                n++;
            }
            return n;
        }
    }
}
