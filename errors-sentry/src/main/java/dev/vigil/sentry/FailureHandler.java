package dev.vigil.sentry;

import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports failed observations (annotated methods, timed KPIs, convention wrappers): one event per exception, at the
 * innermost observation that failed with it, carrying that observation's trace and span ids. The enclosing
 * observations that fail with the same exception report nothing: core says the exception was already seen by a
 * nested observation, and {@link ReportedFailures} catches what core cannot know (a log line, a wrapper).
 *
 * <p>Calls across a boundary (HTTP server and client, database, messaging: observations of kind SERVER, CLIENT,
 * PRODUCER or CONSUMER) that end without an exception leave a breadcrumb instead, so the next event on that thread
 * shows the calls that led to it, as Sentry's own integrations do.
 */
final class FailureHandler implements ObservationHandler {
    /** The attributes a breadcrumb carries: low-cardinality facts of the call, never a query text or a URL. */
    private static final String[] BREADCRUMB_KEYS = {
        "http.request.method", "http.route", "http.response.status_code", "server.address", "server.port",
        "db.system.name", "db.operation.name", "db.collection.name", "messaging.system", "messaging.destination.name",
        "error.type"};

    private final java.util.function.Consumer<SentryReporter.Report> reporter;
    private final Breadcrumbs breadcrumbs;

    /** Where a finished call's breadcrumb goes: the reporting thread's bounded trail. */
    interface Breadcrumbs {
        void add(String category, String message, Map<String, ?> data);
    }

    FailureHandler(java.util.function.Consumer<SentryReporter.Report> reporter, Breadcrumbs breadcrumbs) {
        this.reporter = reporter;
        this.breadcrumbs = breadcrumbs;
    }

    /**
     * Every observation, for the breadcrumbs of calls that succeed; core already tracks nesting for an error reporter,
     * so the added cost is one call of {@link #onStop} that returns at once for an internal observation.
     */
    @Override
    public Interest interest() {
        return Interest.ALL;
    }

    /** After tracing (the ids are final) and the log context. */
    @Override
    public Order order() {
        return Order.ERROR_REPORTING;
    }

    @Override
    public void onStop(ObservationContext context, Object state) {
        Throwable error = context.error();
        if (error == null) {
            breadcrumb(context);
            return;
        }
        // A nested observation that failed with the same exception reported it, with its own, innermost span.
        if (context.errorAlreadySeen()) {
            return;
        }
        SentryReporter.Report r = new SentryReporter.Report();
        r.error = error;
        r.span = context.spanContext();
        r.context = dev.vigil.context.Context.current();
        r.transaction = context.name();
        Map<String, Object> observation = new LinkedHashMap<>();
        observation.put("name", context.name());
        observation.put("kind", context.kind().name());
        for (int i = 0; i < context.attributeCount(); i++) {
            observation.put(context.attributeKey(i), String.valueOf(context.attributeValue(i)));
        }
        r.observation = observation;
        reporter.accept(r);
    }

    private void breadcrumb(ObservationContext context) {
        String category;
        switch (context.kind()) {
            case SERVER:
            case CLIENT:
                category = context.attribute("http.request.method") != null ? "http"
                        : context.attribute("db.system.name") != null ? "query" : "rpc";
                break;
            case PRODUCER:
            case CONSUMER:
                category = "messaging";
                break;
            default:
                return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (String key : BREADCRUMB_KEYS) {
            Object v = context.attribute(key);
            if (v != null) {
                data.put(key, v);
            }
        }
        breadcrumbs.add(category, context.name(), data);
    }
}
