package dev.vigil.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import java.io.File;
import java.io.OutputStream;
import java.util.Map;

/**
 * Builds Vigil's Logback setup in code: JSON on the console (or a given stream, for tests), optionally
 * {@code app.log}, {@code error.log} and {@code audit.log}, all behind one {@link VigilAsyncAppender} on the root
 * logger; the root level and per-logger levels; the {@code audit} logger at INFO so that audit events pass any root
 * level.
 */
final class LogbackSetup {
    static final String ASYNC = "VIGIL_ASYNC";
    /** Each file's history may take at most this many times {@code max-size} on disk. */
    static final int TOTAL_SIZE_FACTOR = 10;

    private LogbackSetup() {
    }

    /**
     * Configures a context from scratch (callers reset it first).
     *
     * @param console where the console lines go; null for {@code System.out}
     * @return the async appender
     */
    static VigilAsyncAppender configure(LoggerContext ctx, LogSettings s, OutputStream console) {
        VigilAsyncAppender async = new VigilAsyncAppender();
        async.setContext(ctx);
        async.setName(ASYNC);
        async.setQueueSize(s.queueSize);
        async.setBlockTimeoutMillis(s.blockTimeoutMs);
        async.setAuditTimeoutMillis(s.auditTimeoutMs);

        attachSinks(ctx, s, async, console);
        async.start();

        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(s.rootLevel);
        root.addAppender(async);
        ctx.getLogger(AuditSupport.LOGGER).setLevel(Level.INFO);
        for (Map.Entry<String, Level> e : s.loggerLevels.entrySet()) {
            ctx.getLogger(e.getKey()).setLevel(e.getValue());
        }
        return async;
    }

    /** Attaches the console (or {@code console}) and, with a files directory, the three rolling files. */
    static void attachSinks(LoggerContext ctx, LogSettings s, VigilAsyncAppender async, OutputStream console) {
        OutputStreamAppender<ILoggingEvent> out;
        if (console == null) {
            ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
            c.setTarget("System.out");
            out = c;
        } else {
            out = new OutputStreamAppender<>();
        }
        out.setContext(ctx);
        out.setName("VIGIL_CONSOLE");
        out.setEncoder(encoder(ctx, s));
        if (console != null) {
            out.setOutputStream(console);
        }
        out.start();
        async.addAppender(out);

        if (s.filesDir != null) {
            File dir = new File(s.filesDir);
            async.addAppender(file(ctx, s, dir, "app", null));
            async.addAppender(file(ctx, s, dir, "error", new ErrorOnly()));
            async.addAppender(file(ctx, s, dir, "audit", new AuditOnly()));
        }
    }

    static VigilJsonEncoder encoder(LoggerContext ctx, LogSettings s) {
        VigilJsonEncoder encoder = new VigilJsonEncoder();
        encoder.setContext(ctx);
        encoder.setFormat(s.ecs ? "ecs" : "json");
        encoder.setMaxLineBytes(s.maxLineBytes);
        encoder.start();
        return encoder;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext ctx, LogSettings s, File dir, String name,
                                                           Filter<ILoggingEvent> filter) {
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(ctx);
        a.setName("VIGIL_FILE_" + name);
        a.setFile(new File(dir, name + ".log").getPath());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(a);
        policy.setFileNamePattern(new File(dir, name + ".%d{yyyy-MM-dd}.%i.log.gz").getPath());
        policy.setMaxFileSize(s.filesMaxSize);
        policy.setMaxHistory(s.filesMaxHistory);
        policy.setTotalSizeCap(new FileSize(s.filesMaxSize.getSize() * TOTAL_SIZE_FACTOR));
        policy.start();
        a.setRollingPolicy(policy);
        a.setEncoder(encoder(ctx, s));
        if (filter != null) {
            filter.setContext(ctx);
            filter.start();
            a.addFilter(filter);
        }
        a.start();
        return a;
    }

    /** {@code error.log}: ERROR lines only. */
    static final class ErrorOnly extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return event.getLevel().toInt() == Level.ERROR_INT ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }

    /** {@code audit.log}: audit events only. */
    static final class AuditOnly extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return AuditSupport.isAudit(event) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }
}
