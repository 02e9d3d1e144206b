package dev.vigil.sentry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Attaches {@link SentryLogAppender} to Logback's root logger when Logback is the application's logging backend
 * (with or without {@code vigil-logging-json}). Loaded only after checking that Logback is on the class path, so the
 * adapter works without it.
 */
final class LogbackBridge {
    private final LoggerContext context;
    private final SentryLogAppender appender;

    private LogbackBridge(LoggerContext context, SentryLogAppender appender) {
        this.context = context;
        this.appender = appender;
    }

    /** @return the bridge, or null when Logback is absent or not SLF4J's backend */
    static LogbackBridge attachIfPresent(SentryReporter reporter) {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, SentryErrors.class.getClassLoader());
            Class.forName("org.slf4j.LoggerFactory", false, SentryErrors.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return attach(reporter);
    }

    private static LogbackBridge attach(SentryReporter reporter) {
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

    void detach() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }
}
