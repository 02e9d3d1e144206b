package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.List;

/** Vigil's self-metrics: what Vigil itself had to drop, fold or refuse. */
final class VigilConventions {
    /** Items a backend had to drop: a full queue, a failed export. */
    static final MetricConvention DROPPED = MetricConvention.builder("vigil.dropped", Instrument.COUNTER, "{item}")
            .description("Items a Vigil backend had to drop, by backend and reason.")
            .required("backend", "reason")
            .build();

    /** Log lines the JSON logging module's bounded queue had to drop. */
    static final MetricConvention LOGGING_DROPPED = MetricConvention.builder("vigil.logging.dropped",
                    Instrument.COUNTER, "{line}")
            .description("Log lines Vigil's asynchronous appender dropped because its queue was full, by level.")
            .required("level")
            .build();

    /** Error events that did not reach the error tracker. */
    static final MetricConvention ERRORS_DROPPED = MetricConvention.builder("vigil.errors.dropped",
                    Instrument.COUNTER, "{event}")
            .description("Error events Vigil did not deliver to the error tracker, by reason.")
            .required("reason")
            .build();

    /** Recordings folded into a metric's overflow series by the cardinality budget. */
    static final MetricConvention METRICS_OVERFLOW = MetricConvention.builder("vigil.metrics.overflow",
                    Instrument.COUNTER, "{recording}")
            .description("recordings and gauges folded into a metric's overflow series")
            .required("metric")
            .build();
    /** Recordings refused because the process reached its budget of metric names. */
    static final MetricConvention METRICS_REFUSED = MetricConvention.builder("vigil.metrics.refused",
                    Instrument.COUNTER, "{recording}")
            .description("recordings and gauges refused because the process reached its budget of metric names")
            .build();

    private VigilConventions() {
    }

    static List<MetricConvention> all() {
        return List.of(DROPPED, METRICS_OVERFLOW, METRICS_REFUSED, LOGGING_DROPPED, ERRORS_DROPPED);
    }
}
