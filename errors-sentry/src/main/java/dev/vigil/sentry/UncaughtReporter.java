package dev.vigil.sentry;

import dev.vigil.context.Context;
import io.sentry.Sentry;
import io.sentry.SentryLevel;

/**
 * The JVM's default uncaught-exception handler while Sentry reporting is on: reports the exception (unless an
 * observation or a log line already did), waits for it to be sent for a bounded time, then hands it to the handler
 * that was there before, or prints it as the JVM would.
 */
final class UncaughtReporter implements Thread.UncaughtExceptionHandler {
    /** How long a dying thread waits for its report to leave; bounded so a hung endpoint cannot hold it. */
    private static final long FLUSH_MILLIS = 1_000;

    private final SentryReporter reporter;
    private final Thread.UncaughtExceptionHandler previous;

    UncaughtReporter(SentryReporter reporter, Thread.UncaughtExceptionHandler previous) {
        this.reporter = reporter;
        this.previous = previous;
    }

    static UncaughtReporter install(SentryReporter reporter) {
        UncaughtReporter h = new UncaughtReporter(reporter, Thread.getDefaultUncaughtExceptionHandler());
        Thread.setDefaultUncaughtExceptionHandler(h);
        return h;
    }

    /** Puts the previous handler back, unless someone installed another one after this. */
    void uninstall() {
        if (Thread.getDefaultUncaughtExceptionHandler() == this) {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        try {
            SentryReporter.Report r = new SentryReporter.Report();
            r.error = error;
            r.level = SentryLevel.FATAL;
            r.context = Context.current();
            r.span = r.context.span();
            r.uncaughtOn = thread;
            reporter.report(r, false);
            Sentry.flush(FLUSH_MILLIS);
        } catch (Throwable t) { // NOPMD: reporting must never change how the thread dies
            // fall through to the previous handler
        }
        if (previous != null) {
            previous.uncaughtException(thread, error);
        } else if (!(error instanceof ThreadDeath)) {
            // What ThreadGroup.uncaughtException prints when no default handler is set; calling it here would
            // come back to this handler.
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
        }
    }
}
