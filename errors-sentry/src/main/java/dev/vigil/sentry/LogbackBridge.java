package dev.vigil.sentry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Attaches {@link SentryLogAppender} to Logback's root logger when Logback is the application's logging backend
 * (with or without {@code vigil-logging-json}). Nothing refers to this class before {@link #isPresent()} said Logback
 * is on the class path: loading it without Logback fails.
 */
final class LogbackBridge implements Runnable {
    private final LoggerContext context;
    private final SentryLogAppender appender;

    private LogbackBridge(LoggerContext context, SentryLogAppender appender) {
        this.context = context;
        this.appender = appender;
    }

    /** @return the bridge, or null when Logback is not SLF4J's backend */
    static Runnable attach(SentryReporter reporter) {
        Object factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return null;
        }
        LoggerContext context = (LoggerContext) factory;
        SentryLogAppender appender = new SentryLogAppender(reporter);
        appender.setContext(context);
        appender.setName(SentryLogAppender.NAME);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return new LogbackBridge(context, appender);
    }

    /** Detaches the appender. */
    @Override
    public void run() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }
}
