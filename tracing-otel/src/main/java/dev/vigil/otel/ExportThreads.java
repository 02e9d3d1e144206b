package dev.vigil.otel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads of the OTLP exporter Vigil builds, and the filter that keeps the SDK's own log records about them out
 * of the application's log. On a failed export the SDK's exporter logs {@code SEVERE} with a stack trace, for every
 * batch; {@link ExportFailures} says the same in one line a minute instead. The filter drops only records at
 * {@code INFO} and above, only from these threads, so an exporter the application builds itself logs as before, and
 * {@code FINE} debugging of the SDK still works.
 */
final class ExportThreads {
    /** The SDK's loggers that report on an export from the sender's thread. */
    private static final String[] SDK_LOGGERS = {
        "io.opentelemetry.exporter.otlp.internal.HttpExporter",
        "io.opentelemetry.exporter.sender.okhttp.internal.RetryInterceptor",
        "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSender",
    };
    /** Held strongly: {@code java.util.logging} keeps loggers weakly, and a collected one would lose its filter. */
    private static final Logger[] FILTERED = new Logger[SDK_LOGGERS.length];
    private static final AtomicInteger COUNT = new AtomicInteger();

    private ExportThreads() {
    }

    /** A thread that runs OTLP sends; its SDK log records are Vigil's to report. */
    private static final class ExportThread extends Thread {
        ExportThread(Runnable r) {
            super(r, "vigil-otlp-export-" + COUNT.incrementAndGet());
            setDaemon(true);
        }
    }

    /**
     * The executor for the exporter's HTTP calls: as the sender's own (threads on demand, idle ones end after a
     * minute; the sender bounds concurrent calls), with daemon threads that never keep the JVM alive.
     *
     * @return a new executor; its owner shuts it down
     */
    static ExecutorService newExecutor() {
        installFilters();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                ExportThread::new);
    }

    private static synchronized void installFilters() {
        if (FILTERED[0] != null) {
            return;
        }
        for (int i = 0; i < SDK_LOGGERS.length; i++) {
            Logger logger = Logger.getLogger(SDK_LOGGERS[i]);
            Filter previous = logger.getFilter();
            logger.setFilter(record -> !(record.getLevel().intValue() >= Level.INFO.intValue()
                    && Thread.currentThread() instanceof ExportThread)
                    && (previous == null || previous.isLoggable(record)));
            FILTERED[i] = logger;
        }
    }
}
