package dev.vigil.internal.operations;

import java.util.List;
import java.util.Map;

/**
 * One {@code promtool test rules} test group: synthetic input series and what the alerts must be at given times.
 *
 * @param comment what the group proves, written above it
 * @param series each a selector and its values in promtool's expanding notation ({@code 0+10x60})
 * @param checks the expectations
 */
record AlertTest(String comment, List<Series> series, List<Check> checks) {
    AlertTest {
        series = List.copyOf(series);
        checks = List.copyOf(checks);
    }

    /**
     * @param selector {@code name{label="value",...}}
     * @param values promtool's expanding notation
     */
    record Series(String selector, String values) {
    }

    /**
     * @param evalTime when, from the start of the series
     * @param alertName the alert checked
     * @param firing the alerts expected to fire, empty when it must stay silent
     */
    record Check(String evalTime, String alertName, List<Firing> firing) {
        Check {
            firing = List.copyOf(firing);
        }
    }

    /**
     * @param rule the rule expected to fire
     * @param labels the labels its expression gives the alert (besides the rule's static ones)
     */
    record Firing(AlertRule rule, Map<String, String> labels) {
        Firing {
            labels = Map.copyOf(labels);
        }
    }
}
