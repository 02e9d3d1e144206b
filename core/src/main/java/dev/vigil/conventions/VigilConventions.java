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

    private VigilConventions() {
    }

    static List<MetricConvention> all() {
        return List.of(DROPPED);
    }
}
