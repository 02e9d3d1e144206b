package dev.vigil.internal.operations;

import dev.vigil.Slo;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything Vigil generates for Prometheus and Alertmanager from one snapshot of what a service emits and its
 * SLOs: the rules, their {@code promtool} unit tests and the example routing. Immutable.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class GeneratedRules {
    private final String rules;
    private final String tests;
    private final String alertmanager;
    private final List<String> alertNames;

    private GeneratedRules(String rules, String tests, String alertmanager, List<String> alertNames) {
        this.rules = rules;
        this.tests = tests;
        this.alertmanager = alertmanager;
        this.alertNames = List.copyOf(alertNames);
    }

    /**
     * @param settings the {@code vigil.operations.*} settings
     * @param series what the service emits
     * @param slos its SLOs
     * @return the generated files
     */
    public static GeneratedRules generate(OperationsSettings settings, EmittedSeries series, List<Slo> slos) {
        RuleContext c = new RuleContext(settings, series);
        c.group("vigil-service");
        PlatformAlerts.addTo(c);
        c.group("vigil-requests");
        RequestAlerts.addTo(c);
        c.group("vigil-work");
        WorkAlerts.addTo(c);
        SloRules.addTo(c, slos);
        List<RuleGroup> groups = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RuleGroup g : c.groups) {
            if (!g.rules().isEmpty()) {
                groups.add(g); // Prometheus accepts an empty group, but it says nothing
            }
            for (Rule r : g.rules()) {
                if (r instanceof AlertRule a && !names.contains(a.name())) {
                    names.add(a.name());
                }
            }
        }
        return new GeneratedRules(RuleFiles.rules(settings, groups), RuleFiles.tests(settings, c.tests, c.exprTests),
                AlertmanagerConfig.render(settings), names);
    }

    /** @return {@code prometheus-rules.yml} */
    public String prometheusRules() {
        return rules;
    }

    /** @return {@code prometheus-rules.test.yml}, the {@code promtool test rules} file for the rules */
    public String prometheusRulesTest() {
        return tests;
    }

    /** @return {@code alertmanager.yml} */
    public String alertmanager() {
        return alertmanager;
    }

    /** @return the names of the generated alerts, in order, each once */
    public List<String> alertNames() {
        return alertNames;
    }
}
