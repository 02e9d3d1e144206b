package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.internal.ConventionMetrics;
import java.util.Arrays;

/**
 * A messaging observation: the span's own observation, plus the duration and message count recorded at close
 * with the same {@code error.type}, and the extracted producer context left once the span is closed.
 */
final class MessagingObservation extends SpanBackedObservation {
    private final Vigil vigil;
    private final MetricConvention duration;
    private final MetricConvention count;
    private final String[] kv;

    MessagingObservation(Vigil vigil, Observation span, Scope parentScope, MetricConvention duration,
                         MetricConvention count, String... kv) {
        super(span, parentScope);
        this.vigil = vigil;
        this.duration = duration;
        this.count = count;
        this.kv = kv;
    }

    @Override
    String enteredContext() {
        return "the message's context";
    }

    @Override
    void record(long nanos, String errorType) {
        String[] all = Arrays.copyOf(kv, kv.length + 2);
        all[kv.length] = "error.type";
        all[kv.length + 1] = errorType;
        ConventionMetrics.recordNanos(vigil, duration, nanos, all);
        String[] counted = all.clone();
        for (int i = 0; i < counted.length; i += 2) {
            if ("messaging.operation.type".equals(counted[i])) {
                counted[i + 1] = null; // the message counters carry no operation type
            }
        }
        ConventionMetrics.record(vigil, count, 1, counted);
    }
}
