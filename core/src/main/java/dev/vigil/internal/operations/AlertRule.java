package dev.vigil.internal.operations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Prometheus alerting rule as Vigil generates it: every alert has a severity label, a {@code for} against
 * flapping, a summary, a description and a runbook link.
 *
 * @param name the alert's name
 * @param expr the PromQL condition
 * @param forDuration how long the condition must hold, a Prometheus duration
 * @param labels the static labels: {@code severity} first, then {@code service} and any other
 * @param summary one line; may use {@code {{ $labels.x }}}
 * @param description what it means and what to look at; may use {@code {{ $labels.x }}}
 */
record AlertRule(String name, String expr, String forDuration, Map<String, String> labels, String summary,
                 String description) implements Rule {
    AlertRule {
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    static AlertRule of(String name, String severity, String forDuration, String expr, String summary,
                        String description, Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", severity);
        labels.putAll(extraLabels);
        return new AlertRule(name, expr, forDuration, labels, summary, description);
    }

    String severity() {
        return labels.get("severity");
    }

    /**
     * @param all every label of a firing alert
     * @return a template with each {@code {{ $labels.x }}} replaced by its value, as Prometheus expands it
     */
    static String expand(String template, Map<String, String> all) {
        String out = template;
        for (Map.Entry<String, String> e : all.entrySet()) {
            out = out.replace("{{ $labels." + e.getKey() + " }}", e.getValue());
        }
        return out;
    }
}
