package dev.vigil.sentry;

import dev.vigil.VigilConfig;
import dev.vigil.spi.BackendContext;
import dev.vigil.spi.ErrorBackend;
import dev.vigil.spi.ErrorEvent;
import dev.vigil.spi.ObservationHandler;
import io.sentry.Sentry;
import io.sentry.SentryOpenTelemetryMode;
import io.sentry.SentryOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * Sentry error tracking for Vigil: every failure reported once, linked to its trace, redacted, and never slowing the
 * application. Discovered on the class path ({@link SentryBackendProvider}); the DSN comes from {@code SENTRY_DSN} or
 * {@code vigil.sentry.dsn}, and without one the adapter is inert.
 *
 * <pre>{@code
 * // pom.xml: dev.vigil:vigil-errors-sentry; SENTRY_DSN=https://<key>@o0.ingest.sentry.io/<project>
 * Vigil vigil = Vigil.builder().serviceName("shop").serviceVersion("1.4.2").environment("prod").install();
 * vigil.errors().capture(e).tag("component", "checkout").send();
 * }</pre>
 *
 * <p>What becomes an event: a failed observation (at the innermost observation that failed with the exception), an
 * ERROR log line with a throwable when the application logs through Logback, an uncaught exception, and what
 * {@code vigil.errors()} sends. See {@code docs/errors.md}.
 *
 * <p>The adapter initializes the Sentry SDK (the JVM-wide {@link Sentry}) itself, from Vigil's configuration only:
 * the SDK reads no environment variable or {@code sentry.properties} of its own. Sentry's own tracing stays off.
 */
public final class SentryErrors implements ErrorBackend {
    /** The backend's name. */
    public static final String NAME = "sentry";
    /** Key of the DSN; env {@code VIGIL_SENTRY_DSN}. Falls back to {@value #SENTRY_DSN}. */
    public static final String DSN = "vigil.sentry.dsn";
    /** Key read when {@value #DSN} is unset: the environment variable {@code SENTRY_DSN}, as Sentry's SDKs read it. */
    public static final String SENTRY_DSN = "sentry.dsn";
    /** Key of the share of error events sent, 0 to 1; default 1. Decided before an event is built. */
    public static final String SAMPLE_RATE = "vigil.sentry.sample-rate";
    /** Key of the server name on events; default the host name. */
    public static final String SERVER_NAME = "vigil.sentry.server-name";
    /** Key that lets e-mail, user name, IP address and cookies through (still redacted); default false. */
    public static final String SEND_DEFAULT_PII = "vigil.sentry.send-default-pii";
    /** Key of how many breadcrumbs a thread keeps for its next event; default 100. */
    public static final String MAX_BREADCRUMBS = "vigil.sentry.max-breadcrumbs";
    /** Key of how many events may wait to be sent; default 30, as Sentry's. More are dropped and counted. */
    public static final String QUEUE_SIZE = "vigil.sentry.queue-size";
    /** Key of the connect and read timeout of one send, in milliseconds; default 5000. */
    public static final String TIMEOUT_MS = "vigil.sentry.timeout-ms";
    /** Key that reports uncaught exceptions through a default handler chaining to the previous one; default true. */
    public static final String UNCAUGHT = "vigil.sentry.uncaught";
    /** Key that turns Logback ERROR lines with a throwable into events and INFO+ lines into breadcrumbs; default true. */
    public static final String LOGS = "vigil.sentry.logs";

    private static final System.Logger LOGGER = System.getLogger("dev.vigil");
    /** Guards the JVM-wide SDK: a close that finishes late must not close the SDK a newer Vigil initialized. */
    private static final Object SDK_LOCK = new Object();
    private static SentryOptions initialized;

    private final DropCounter drops = new DropCounter();
    private volatile SentryReporter reporter;
    private volatile SentryOptions options;
    private volatile UncaughtReporter uncaught;
    /** Detaches the Logback appender; null without Logback. */
    private volatile Runnable logs;
    private final FailureHandler handler = new FailureHandler(this::reportFailure, this::breadcrumb);

    private SentryErrors() {
    }

    /**
     * A backend configured from Vigil's configuration at start; for {@code Vigil.builder().backend(...)} when
     * discovery is off.
     *
     * @return the backend
     */
    public static SentryErrors create() {
        return new SentryErrors();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(BackendContext context) {
        VigilConfig config = context.config();
        SentrySettings settings = SentrySettings.from(config);
        if (settings.dsn == null) {
            LOGGER.log(System.Logger.Level.INFO, "Vigil: Sentry error reporting is off: set SENTRY_DSN or " + DSN);
            return;
        }
        drops.start(context);
        long shutdownMillis = config.getLong(VigilConfig.SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000);
        SentryOptions options = options(settings, Redactor.from(context), shutdownMillis);
        synchronized (SDK_LOCK) {
            Sentry.init(options);
            initialized = options;
        }
        this.options = options;
        SentryReporter r = new SentryReporter(settings.sampleRate, settings.maxBreadcrumbs, settings.queueSize, drops);
        reporter = r;
        if (settings.uncaught) {
            uncaught = UncaughtReporter.install(r);
        }
        if (settings.logs && logbackPresent()) {
            try {
                logs = LogbackBridge.attach(r);
            } catch (RuntimeException | LinkageError e) {
                LOGGER.log(System.Logger.Level.WARNING, "Vigil: Sentry reporting of log lines is off: " + e);
            }
        }
    }

    private SentryOptions options(SentrySettings settings, Redactor redactor, long shutdownMillis) {
        SentryOptions o = new SentryOptions();
        o.setDsn(settings.dsn);
        o.setEnableExternalConfiguration(false);
        o.setEnvironment(settings.environment);
        o.setRelease(settings.release);
        o.setServerName(settings.serverName != null ? settings.serverName : hostName());
        o.setAttachServerName(false);
        // sendDefaultPii stays false (Sentry's default): the opt-in only lets the scrubber keep what the
        // application itself put on the user; the SDK never infers an IP address.
        // Vigil samples before building; Sentry's own sampling would build the event first.
        o.setSampleRate(null);
        o.setTracesSampleRate(null);
        o.setOpenTelemetryMode(SentryOpenTelemetryMode.OFF);
        // Breadcrumbs are kept per thread by the reporter and put on each event; the SDK's scopes hold none.
        o.setMaxBreadcrumbs(settings.maxBreadcrumbs);
        // Events are built on the reporting worker, whose stack would mean nothing on a message event.
        o.setAttachStacktrace(false);
        o.setMaxQueueSize(settings.queueSize);
        o.setConnectionTimeoutMillis(settings.timeoutMillis);
        o.setReadTimeoutMillis(settings.timeoutMillis);
        o.setShutdownTimeoutMillis(shutdownMillis);
        o.setFlushTimeoutMillis(shutdownMillis);
        o.setEnableUncaughtExceptionHandler(false);
        o.setEnableShutdownHook(false);
        o.setEnableAutoSessionTracking(false);
        o.setEnableBackpressureHandling(false);
        o.setSendModules(false);
        // Vigil's own rule decides what a repeat is (ReportedFailures); Sentry's drops any exception whose cause was
        // seen before, even in another request.
        o.setEnableDeduplication(false);
        o.setBeforeSend(new EventScrubber(redactor, drops, settings.sendDefaultPii));
        return o;
    }

    private static boolean logbackPresent() {
        try {
            ClassLoader loader = SentryErrors.class.getClassLoader();
            Class.forName("ch.qos.logback.classic.LoggerContext", false, loader);
            Class.forName("org.slf4j.LoggerFactory", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public ObservationHandler observationHandler() {
        return handler;
    }

    @Override
    public boolean sample() {
        SentryReporter r = reporter;
        return r != null && r.sample();
    }

    @Override
    public void report(ErrorEvent event) {
        SentryReporter r = reporter;
        if (r == null) {
            return;
        }
        SentryReporter.Report report = new SentryReporter.Report();
        report.error = event.error();
        report.message = event.message();
        report.level = SentryReporter.level(event.level());
        report.tags = event.tags();
        report.extras = event.extras();
        report.context = event.context();
        report.span = event.context().span();
        r.report(report, true);
    }

    @Override
    public void breadcrumb(String category, String message, Map<String, ?> data) {
        SentryReporter r = reporter;
        if (r != null) {
            r.breadcrumb("default", category, message, io.sentry.SentryLevel.INFO, data);
        }
    }

    private void reportFailure(SentryReporter.Report report) {
        SentryReporter r = reporter;
        if (r != null) {
            r.report(report, false);
        }
    }

    /**
     * Stops reporting, then sends what is queued within the timeout: a hung or refusing endpoint cannot hold
     * {@code vigil.close()} past it.
     */
    @Override
    public void close(Duration timeout) {
        SentryReporter r = reporter;
        if (r == null) {
            return;
        }
        reporter = null;
        r.close();
        UncaughtReporter u = uncaught;
        if (u != null) {
            u.uninstall();
        }
        Runnable l = logs;
        if (l != null) {
            l.run();
        }
        long millis = Math.max(1, timeout.toMillis());
        SentryOptions mine = options;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        Thread closer = new Thread(() -> {
            r.drain(millis);
            Sentry.flush(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            synchronized (SDK_LOCK) {
                if (initialized == mine) {
                    Sentry.close();
                    initialized = null;
                }
            }
        }, "vigil-sentry-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
