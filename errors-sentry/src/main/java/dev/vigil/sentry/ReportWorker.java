package dev.vigil.sentry;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Builds and hands over events on one thread of its own, so that the reporting thread only records what the event
 * needs (exception, span, context, breadcrumbs) and returns: building the event, converting stack traces, redacting and
 * queuing the envelope cost tens of microseconds that a failing request must not pay. Bounded: a full queue drops the
 * report at once and counts it ({@code queue_full}).
 */
final class ReportWorker {
    private final ArrayBlockingQueue<SentryReporter.Report> queue;
    private final Consumer<SentryReporter.Report> sender;
    private final DropCounter drops;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final Object progress = new Object();
    private final Thread thread;
    private volatile boolean closed;
    /** Set when close gave up waiting: what is still queued is counted as lost, not sent to a closed SDK. */
    private volatile boolean abandoned;

    ReportWorker(int capacity, Consumer<SentryReporter.Report> sender, DropCounter drops) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.drops = drops;
        this.thread = new Thread(this::run, "vigil-sentry-reports");
        thread.setDaemon(true);
        thread.start();
    }

    /** Never blocks. */
    void offer(SentryReporter.Report r) {
        offered.incrementAndGet();
        if (!queue.offer(r)) {
            drops.dropped(DropCounter.QUEUE_FULL);
            done();
        }
    }

    /**
     * Waits until every report offered before this call was handed to the SDK.
     *
     * @param millis the most to wait
     * @return true when drained in time
     */
    boolean drain(long millis) {
        long target = offered.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (progress) {
            while (finished.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Stops taking reports; the queued ones are still sent. */
    void close() {
        closed = true;
    }

    /** What is still queued is counted as lost. */
    void abandon() {
        abandoned = true;
        closed = true;
    }

    private void run() {
        while (!(closed && queue.isEmpty())) {
            SentryReporter.Report r;
            try {
                r = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread; keep draining until closed
            }
            if (r == null) {
                continue;
            }
            if (abandoned) {
                drops.dropped(DropCounter.CLOSED);
            } else {
                try {
                    sender.accept(r);
                } catch (Throwable t) { // NOPMD: the worker must outlive any failure of one event
                    drops.dropped(DropCounter.SEND_FAILED);
                }
            }
            done();
        }
    }

    private void done() {
        finished.incrementAndGet();
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
