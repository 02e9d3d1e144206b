package dev.vigil.otel;

import io.opentelemetry.sdk.common.export.HttpResponse;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * Vigil's one line about failed span exports: a collector that is down, refuses or does not answer is logged once
 * per kind of failure per minute, with the endpoint and the reason and no stack trace, instead of the SDK's
 * {@code SEVERE} record with a stack trace for every batch (those are silenced by {@link ExportThreads}). The spans
 * themselves are counted in {@code vigil.dropped{reason="export_failed"}}.
 */
final class ExportFailures {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil.otel");
    private static final long INTERVAL_NANOS = 60_000_000_000L;
    /** Kinds come from exception classes, which a strange failure could multiply: bound the map. */
    private static final int MAX_KINDS = 32;

    private final String endpoint;
    private final long timeoutMs;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** Set when close cancels the exports still running: their failure, whatever the exception, is that. */
    private volatile boolean cancelling;

    /**
     * @param endpoint where spans go, shown without user info or query (they may hold credentials)
     * @param timeoutMs the export timeout, to say how long a silent collector was given
     * @param clock nanoTime, replaceable in tests
     */
    ExportFailures(String endpoint, long timeoutMs, LongSupplier clock) {
        this.endpoint = endpoint;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
    }

    ExportFailures(String endpoint, long timeoutMs) {
        this(endpoint, timeoutMs, System::nanoTime);
    }

    /** Marks the failures from now on as exports that close cancelled. */
    void cancelling() {
        cancelling = true;
    }

    /** Logs the failure of one export of {@code spans} spans, unless its kind was logged less than a minute ago. */
    void failed(Throwable failure, int spans) {
        try {
            String[] kindAndReason = classify(failure);
            String kind = kindAndReason[0];
            Window w = windows.get(kind);
            if (w == null) {
                w = windows.computeIfAbsent(windows.size() >= MAX_KINDS ? "other" : kind, k -> new Window());
            }
            long[] since = w.tryAcquire(clock.getAsLong(), spans);
            if (since == null) {
                return;
            }
            LOGGER.log(Level.WARNING, "Vigil: spans could not be exported to " + endpoint + ": " + kindAndReason[1]
                    + "; " + since[1] + (since[1] == 1 ? " span" : " spans") + " dropped"
                    + (since[0] == 0 ? "" : " in " + (since[0] + 1) + " failed exports")
                    + " (counted in vigil.dropped; this failure is logged at most once a minute)");
        } catch (RuntimeException | LinkageError ignored) {
            // A broken logging setup must not break the export thread.
        }
    }

    /** @return the kind (rate-limit key) and a short reason; never an exception message, which may echo a header */
    String[] classify(Throwable failure) {
        if (cancelling) {
            return new String[] {"cancelled", "cancelled at close, as vigil.shutdown.timeout-ms ran out"};
        }
        int status = httpStatus(failure);
        if (status > 0) {
            return new String[] {"http_" + status, "the collector answered HTTP " + status};
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return new String[] {"refused", "connection refused"};
            }
            if (t instanceof UnknownHostException) {
                return new String[] {"unknown_host", "unknown host"};
            }
            if (t instanceof SSLException) {
                return new String[] {"tls", "TLS failed (" + t.getClass().getSimpleName() + ")"};
            }
            if (t instanceof InterruptedIOException) {
                return new String[] {"timeout", "no answer within the export timeout of " + timeoutMs + " ms"};
            }
        }
        if (failure == null) {
            return new String[] {"failed", "the exporter reported a failure"};
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getName();
        return new String[] {name, name};
    }

    /**
     * The status of a failed answer: the SDK fails such an export with its internal {@code HttpExportException},
     * whose public {@code getResponse()} is read reflectively, so that a change of that class costs the status in the
     * message and nothing else.
     */
    private static int httpStatus(Throwable failure) {
        if (failure == null || failure.getCause() != null || !failure.getClass().getName().endsWith("HttpExportException")) {
            return -1;
        }
        try {
            Object response = failure.getClass().getMethod("getResponse").invoke(failure);
            return response instanceof HttpResponse ? ((HttpResponse) response).getStatusCode() : -1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @param url the configured URL
     * @return scheme, host, port and path only: user info and query may hold credentials
     */
    static String display(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) {
                return "the configured endpoint";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "the configured endpoint";
        }
    }

    /** One kind of failure: when it may be logged next, and what happened since it last was. */
    private static final class Window {
        private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong suppressed = new AtomicLong();
        private final AtomicLong spans = new AtomicLong();

        /** @return null when suppressed, else {suppressed failures, spans dropped} since the last logged one */
        long[] tryAcquire(long now, int dropped) {
            spans.addAndGet(dropped);
            long next = nextAllowed.get();
            if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
                return new long[] {suppressed.getAndSet(0), spans.getAndSet(0)};
            }
            suppressed.incrementAndGet();
            return null;
        }
    }
}
