package dev.vigil.sentry;

import dev.vigil.ErrorLevel;
import dev.vigil.context.Context;
import dev.vigil.trace.SpanContext;
import io.sentry.Breadcrumb;
import io.sentry.DataCategory;
import io.sentry.Hint;
import io.sentry.PropagationContext;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SpanId;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import io.sentry.transport.RateLimiter;
import io.sentry.util.HintUtils;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a failure into one Sentry event without blocking the reporting thread. On that thread it checks that the
 * failure is reported for the first time ({@link ReportedFailures}), samples, and records what the event needs (the
 * exception, the span, the context, a copy of the thread's breadcrumbs); the {@link ReportWorker} builds the event and
 * hands it to the SDK's bounded queue. Every path (observations, log lines, uncaught exceptions, {@code vigil.errors()})
 * ends here.
 */
final class SentryReporter {
    /** The most data entries one breadcrumb keeps. */
    static final int MAX_BREADCRUMB_DATA = 32;
    /** The reporter of the running Vigil, for tests that wait until what was reported reached the SDK. */
    private static volatile SentryReporter active;

    private final double sampleRate;
    private final DropCounter drops;
    private final ReportedFailures reported = new ReportedFailures();
    private final ThreadBreadcrumbs breadcrumbs;
    private final ReportWorker worker;
    private volatile boolean closed;

    SentryReporter(double sampleRate, int maxBreadcrumbs, int queueSize, DropCounter drops) {
        this.sampleRate = sampleRate;
        this.drops = drops;
        this.breadcrumbs = new ThreadBreadcrumbs(maxBreadcrumbs);
        this.worker = new ReportWorker(queueSize, this::send, drops);
        active = this;
    }

    boolean sample() {
        double r = sampleRate;
        return r >= 1.0 || (r > 0 && ThreadLocalRandom.current().nextDouble() < r);
    }

    /** One failure or message and where it happened. */
    static final class Report {
        Throwable error;
        String message;
        SentryLevel level = SentryLevel.ERROR;
        Map<String, String> tags = Map.of();
        Map<String, Object> extras = Map.of();
        /** The span the failure belongs to: the innermost failing observation's, or the one current at report. */
        SpanContext span = SpanContext.invalid();
        Context context;
        String logger;
        String transaction;
        Map<String, Object> observation;
        /** For an uncaught exception: the dying thread; the event says it was not handled. */
        Thread uncaughtOn;
        /** The thread that reported, named by the event's exception. */
        Thread thread;
        /** The reporting thread's breadcrumbs when it reported, or null. */
        List<Breadcrumb> breadcrumbs;
    }

    /**
     * Reports unless it is a repeat or sampled out.
     *
     * @param r the report
     * @param sampled whether sampling was already decided (by core, for {@code vigil.errors()})
     */
    void report(Report r, boolean sampled) {
        if (closed) {
            drops.dropped(DropCounter.CLOSED);
            return;
        }
        if (r.error != null && !reported.firstReport(r.error, r.span.isValid() ? r.span.traceIdHex() : null)) {
            return;
        }
        if (!sampled && !sample()) {
            return;
        }
        r.thread = Thread.currentThread();
        r.breadcrumbs = breadcrumbs.snapshot();
        if (r.uncaughtOn != null) {
            // The thread is dying: nothing waits on it, and its event must be queued before the handler flushes.
            send(r);
        } else {
            worker.offer(r);
        }
    }

    /** On the worker (or a dying thread): builds the event and hands it to the SDK's bounded queue. */
    private void send(Report r) {
        SentryEvent event = build(r);
        if (r.breadcrumbs != null) {
            event.setBreadcrumbs(r.breadcrumbs);
        }
        Delivery delivery = new Delivery(drops);
        Hint hint = HintUtils.createWithTypeCheckHint(delivery);
        PropagationContext propagation = r.span.isValid()
                ? new PropagationContext(new SentryId(r.span.traceIdHex()), new SpanId(r.span.spanIdHex()), null, null,
                        r.span.isSampled())
                : null;
        SentryId id = Sentry.captureEvent(event, hint, scope -> {
            // Only the reporting thread's breadcrumbs, none of the worker's scope.
            scope.clearBreadcrumbs();
            if (propagation != null) {
                // The envelope's trace header then names the same trace as the event's contexts.trace.
                scope.setPropagationContext(propagation);
            }
        });
        if (!SentryId.EMPTY_ID.equals(id) && !delivery.enqueued()) {
            RateLimiter limiter = Sentry.getCurrentScopes().getRateLimiter();
            drops.dropped(limiter != null && limiter.isActiveForCategory(DataCategory.Error)
                    ? DropCounter.RATE_LIMITED : DropCounter.QUEUE_FULL);
        }
    }

    private static SentryEvent build(Report r) {
        SentryEvent event;
        if (r.error == null) {
            event = new SentryEvent();
        } else if (r.uncaughtOn != null) {
            Mechanism mechanism = new Mechanism();
            mechanism.setType("UncaughtExceptionHandler");
            mechanism.setHandled(false);
            event = new SentryEvent(new ExceptionMechanismException(mechanism, r.error, r.uncaughtOn));
        } else {
            // Names the thread that reported, not the worker that builds the event.
            Mechanism mechanism = new Mechanism();
            mechanism.setType("vigil");
            mechanism.setHandled(true);
            event = new SentryEvent(new ExceptionMechanismException(mechanism, r.error, r.thread));
        }
        if (r.message != null) {
            Message m = new Message();
            m.setFormatted(r.message);
            event.setMessage(m);
        }
        event.setLevel(r.level);
        if (r.error != null) {
            event.setTag("error.type", r.error.getClass().getName());
        }
        for (Map.Entry<String, String> t : r.tags.entrySet()) {
            event.setTag(t.getKey(), t.getValue());
        }
        for (Map.Entry<String, Object> e : r.extras.entrySet()) {
            // Raw: the scrubber turns each value into redacted text where it leaves, and fails closed if it cannot.
            event.setExtra(e.getKey(), e.getValue());
        }
        if (r.span.isValid()) {
            String traceId = r.span.traceIdHex();
            event.getContexts().setTrace(new io.sentry.SpanContext(new SentryId(traceId), new SpanId(r.span.spanIdHex()),
                    "vigil.observation", null, null));
            event.setTag("trace_id", traceId);
        }
        if (r.context != null) {
            String userId = ContextData.userId(r.context);
            if (userId != null) {
                User u = new User();
                u.setId(userId);
                event.setUser(u);
            }
            Map<String, String> entries = ContextData.entries(r.context);
            if (!entries.isEmpty()) {
                event.getContexts().put("vigil", entries);
            }
        }
        if (r.observation != null) {
            event.getContexts().put("observation", r.observation);
        }
        event.setLogger(r.logger);
        event.setTransaction(r.transaction);
        return event;
    }

    void breadcrumb(String type, String category, String message, SentryLevel level, Map<String, ?> data) {
        if (closed) {
            return;
        }
        Breadcrumb b = new Breadcrumb();
        b.setType(type);
        b.setCategory(category);
        b.setMessage(message);
        b.setLevel(level);
        if (!data.isEmpty()) {
            int n = 0;
            for (Map.Entry<String, ?> e : data.entrySet()) {
                if (n++ == MAX_BREADCRUMB_DATA) {
                    break;
                }
                Object v = e.getValue();
                if (e.getKey() != null && v != null) {
                    b.setData(e.getKey(), v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
                }
            }
        }
        breadcrumbs.add(b);
    }

    /** Stops taking reports; what is queued is still sent (see {@link #drain(long)}). */
    void close() {
        closed = true;
        worker.close();
        if (active == this) {
            active = null;
        }
    }

    /**
     * Hands what is queued to the SDK within the time given; what is left then is counted as lost.
     *
     * @param millis the most to wait
     */
    void drain(long millis) {
        if (!worker.drain(millis)) {
            worker.abandon();
        }
    }

    /**
     * For tests: waits until everything reported so far reached the SDK's queue.
     *
     * @param millis the most to wait
     */
    static void awaitHandedOver(long millis) {
        SentryReporter r = active;
        if (r != null) {
            r.worker.drain(millis);
        }
    }

    static SentryLevel level(ErrorLevel level) {
        switch (level) {
            case DEBUG:
                return SentryLevel.DEBUG;
            case INFO:
                return SentryLevel.INFO;
            case WARNING:
                return SentryLevel.WARNING;
            case FATAL:
                return SentryLevel.FATAL;
            default:
                return SentryLevel.ERROR;
        }
    }
}
