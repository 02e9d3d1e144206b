package dev.vigil.otel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every record that reaches java.util.logging's root, from any logger: Vigil's (the platform logger is backed by
 * java.util.logging) and the OpenTelemetry SDK's. Close it to detach.
 */
final class LogCapture extends Handler implements AutoCloseable {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    LogCapture() {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** @return the records of loggers whose name starts with the prefix */
    List<LogRecord> from(String loggerPrefix) {
        List<LogRecord> found = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLoggerName() != null && r.getLoggerName().startsWith(loggerPrefix)) {
                found.add(r);
            }
        }
        return found;
    }

    /** Waits, at most 10 s, until a record matches; fails otherwise. */
    LogRecord await(Predicate<LogRecord> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (LogRecord r : records) {
                if (match.test(r)) {
                    return r;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no such log record among " + text());
    }

    /** @return every captured message with its logger, level and exception, for assertions and failure messages */
    String text() {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : records) {
            b.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ").append(r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    b.append(" | ").append(p);
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                b.append(" | ").append(t);
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
