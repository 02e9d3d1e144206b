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
 */
final class FailureHandler implements ObservationHandler {
    private final java.util.function.Consumer<SentryReporter.Report> reporter;

    FailureHandler(java.util.function.Consumer<SentryReporter.Report> reporter) {
        this.reporter = reporter;
    }

    /** Failures only, and only {@code onStop}: costs nothing on observations that succeed. */
    @Override
    public Interest interest() {
        return Interest.FAILURES;
    }

    /** After tracing (the ids are final) and the log context. */
    @Override
    public Order order() {
        return Order.ERROR_REPORTING;
    }

    @Override
    public void onStop(ObservationContext context, Object state) {
        Throwable error = context.error();
        // A nested observation that failed with the same exception reported it, with its own, innermost span.
        if (error == null || context.errorAlreadySeen()) {
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
}
