package dev.vigil.sentry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.vigil.context.Context;
import io.sentry.SentryLevel;
import java.util.Map;

/**
 * Sees every log line on the thread that logs it, so the trace and context are the caller's: an ERROR line with a
 * throwable becomes an event (unless the failure was already reported), and every INFO-and-above line a
 * breadcrumb. The SDK's own lines are ignored, so reporting cannot feed on itself (this module logs only through
 * {@link System.Logger}, at WARNING and without a throwable).
 */
final class SentryLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final String NAME = "vigil-sentry";

    private final SentryReporter reporter;

    SentryLogAppender(SentryReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    protected void append(ILoggingEvent line) {
        try {
            String logger = line.getLoggerName();
            if (logger != null && logger.startsWith("io.sentry")) {
                return;
            }
            Level level = line.getLevel();
            if (!level.isGreaterOrEqual(Level.INFO)) {
                return;
            }
            IThrowableProxy proxy = line.getThrowableProxy();
            if (level.isGreaterOrEqual(Level.ERROR) && proxy instanceof ThrowableProxy) {
                SentryReporter.Report r = new SentryReporter.Report();
                r.error = ((ThrowableProxy) proxy).getThrowable();
                r.message = line.getFormattedMessage();
                r.context = Context.current();
                r.span = r.context.span();
                r.logger = logger;
                reporter.report(r, false);
            }
            reporter.breadcrumb("default", logger, line.getFormattedMessage(), level(level), Map.of());
        } catch (RuntimeException | LinkageError e) {
            // a log call must never fail because of error reporting
        }
    }

    private static SentryLevel level(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return SentryLevel.ERROR;
        }
        return level.isGreaterOrEqual(Level.WARN) ? SentryLevel.WARNING : SentryLevel.INFO;
    }
}
