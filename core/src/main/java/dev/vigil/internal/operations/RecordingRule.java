package dev.vigil.internal.operations;

import java.util.Map;

/**
 * A Prometheus recording rule.
 *
 * @param record the recorded series' name, {@code level:metric:operations} as Prometheus recommends
 * @param expr the PromQL expression
 * @param labels labels added to the result, in order
 */
record RecordingRule(String record, String expr, Map<String, String> labels) implements Rule {
    RecordingRule {
        labels = Map.copyOf(labels);
    }
}
