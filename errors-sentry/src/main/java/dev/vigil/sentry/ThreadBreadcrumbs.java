package dev.vigil.sentry;

import io.sentry.Breadcrumb;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The breadcrumbs of each thread, the last {@code vigil.sentry.max-breadcrumbs} of them, as Sentry keeps them per
 * thread: a report takes a copy on the thread that reports, so the event carries that thread's trail even though it
 * is built on the reporting worker.
 */
final class ThreadBreadcrumbs {
    private final int max;
    private final ThreadLocal<ArrayDeque<Breadcrumb>> trail = ThreadLocal.withInitial(ArrayDeque::new);

    ThreadBreadcrumbs(int max) {
        this.max = max;
    }

    void add(Breadcrumb b) {
        if (max == 0) {
            return;
        }
        ArrayDeque<Breadcrumb> t = trail.get();
        if (t.size() == max) {
            t.removeFirst();
        }
        t.addLast(b);
    }

    /** @return this thread's breadcrumbs, oldest first, or null when there are none */
    List<Breadcrumb> snapshot() {
        if (max == 0) {
            return null;
        }
        ArrayDeque<Breadcrumb> t = trail.get();
        return t.isEmpty() ? null : new ArrayList<>(t);
    }
}
