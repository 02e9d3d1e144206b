package dev.vigil.internal.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every generator shares: the settings, what the service emits, and the helpers that build selectors, alerts
 * and synthetic test series the same way everywhere, so a rule and its test cannot disagree on a label.
 */
final class RuleContext {
    /** The instance label of test series: a scrape target on the management port. */
    static final String TEST_INSTANCE = "127.0.0.1:9464";

    final OperationsSettings settings;
    final EmittedSeries series;
    final List<RuleGroup> groups = new ArrayList<>();
    final List<AlertTest> tests = new ArrayList<>();
    final List<ExprTest> exprTests = new ArrayList<>();
    private List<Rule> current;

    RuleContext(OperationsSettings settings, EmittedSeries series) {
        this.settings = settings;
        this.series = series;
    }

    /** Starts a rule group: the rules added next go into it. */
    void group(String name) {
        current = new ArrayList<>();
        groups.add(new RuleGroup(name, current));
    }

    /** Adds a rule to the current group. */
    void add(Rule rule) {
        current.add(rule);
    }

    /**
     * @param metric a sample name
     * @param matchers PromQL label matchers, already formatted ({@code http_route="/a"}, {@code error_type!=""})
     * @return the selector, restricted to this service when its series carry the {@code service} label
     */
    String sel(String metric, String... matchers) {
        List<String> all = new ArrayList<>();
        if (series.hasServiceLabel()) {
            all.add(eq("service", settings.serviceName()));
        }
        all.addAll(List.of(matchers));
        return all.isEmpty() ? metric : metric + '{' + String.join(", ", all) + '}';
    }

    /** @return an equality matcher with the value quoted */
    static String eq(String label, String value) {
        return label + '=' + Text.promqlString(value);
    }

    /**
     * @param metric a sample name
     * @param labels label names and values, alternating
     * @return a test input selector carrying the labels a real scrape of this service would: job, instance and
     *     service when the series carry it
     */
    String input(String metric, String... labels) {
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            all.put(labels[i], labels[i + 1]);
        }
        all.put("job", settings.scrapeJob());
        all.put("instance", TEST_INSTANCE);
        if (series.hasServiceLabel()) {
            all.put("service", settings.serviceName());
        }
        List<String> parts = new ArrayList<>();
        all.forEach((k, v) -> parts.add(eq(k, v)));
        return metric + '{' + String.join(", ", parts) + '}';
    }

    /** @return a new alert carrying {@code severity} and this service's {@code service} label */
    AlertRule alert(String name, String severity, String forDuration, String expr, String summary,
                    String description) {
        return AlertRule.of(name, severity, forDuration, expr, summary, description,
                Map.of("service", settings.serviceName()));
    }

    /** @return labels from alternating names and values */
    static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Adds an alert with the usual pair of tests: the broken series make it fire with {@code firingLabels}, the
     * healthy ones keep it silent.
     */
    void alertWithTests(AlertRule rule, String evalTime, Map<String, String> firingLabels,
                        List<AlertTest.Series> broken, List<AlertTest.Series> healthy) {
        add(rule);
        tests.add(new AlertTest(rule.name() + " fires when broken", broken, List.of(
                new AlertTest.Check(evalTime, rule.name(), List.of(new AlertTest.Firing(rule, firingLabels))))));
        tests.add(new AlertTest(rule.name() + " stays silent when healthy", healthy, List.of(
                new AlertTest.Check(evalTime, rule.name(), List.of()))));
    }

    /** @return a series for a test */
    static AlertTest.Series s(String selector, String values) {
        return new AlertTest.Series(selector, values);
    }
}
