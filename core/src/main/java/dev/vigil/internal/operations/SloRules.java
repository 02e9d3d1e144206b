package dev.vigil.internal.operations;

import static dev.vigil.internal.operations.RuleContext.eq;
import static dev.vigil.internal.operations.RuleContext.s;

import dev.vigil.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of each SLO: its error ratio over 5m, 30m, 1h, 2h, 6h, 1d, 3d and its window, its objective, the error
 * budget remaining, and the multi-window, multi-burn-rate alerts of the Google SRE workbook: page at 14.4x
 * (1h and 5m) and 6x (6h and 30m), ticket at 3x (1d and 2h) and 1x (3d and 6h).
 */
final class SloRules {
    static final String[] WINDOWS = {"5m", "30m", "1h", "2h", "6h", "1d", "3d"};
    static final String RATIO = "slo:sli_error:ratio_rate";
    static final String WINDOW_RATIO = "slo:sli_error:ratio_window";

    /** One burn-rate alert: its name, long and short windows, factor, severity and {@code for}. */
    private record Burn(String alert, String longWindow, String shortWindow, double factor, String severity,
                        String forDuration) {
    }

    static final List<String> ALERTS = List.of("SloErrorBudgetBurn1h", "SloErrorBudgetBurn6h", "SloErrorBudgetBurn1d",
            "SloErrorBudgetBurn3d");
    private static final List<Burn> BURNS = List.of(
            new Burn(ALERTS.get(0), "1h", "5m", 14.4, "critical", "2m"),
            new Burn(ALERTS.get(1), "6h", "30m", 6, "critical", "15m"),
            new Burn(ALERTS.get(2), "1d", "2h", 3, "warning", "1h"),
            new Burn(ALERTS.get(3), "3d", "6h", 1, "warning", "3h"));
    /** Requests a minute in the synthetic series: large enough that a 0.15% error ratio is a clean number. */
    private static final double PER_MINUTE = 1000;

    private SloRules() {
    }

    static void addTo(RuleContext c, List<Slo> slos) {
        List<List<AlertRule>> burnRules = new ArrayList<>();
        for (Slo slo : slos) {
            c.group("vigil-slo-" + slo.name());
            Map<String, String> labels = Map.of("slo", slo.name(), "service", c.settings.serviceName());
            for (String w : WINDOWS) {
                c.add(new RecordingRule(RATIO + w, errorRatio(c, slo, w), labels));
            }
            String window = Text.duration(slo.window());
            Map<String, String> windowLabels = new java.util.LinkedHashMap<>(labels);
            windowLabels.put("window", window);
            c.add(new RecordingRule(WINDOW_RATIO, errorRatio(c, slo, window), windowLabels));
            c.add(new RecordingRule("slo:objective:ratio", "vector(" + Text.product(slo.objectivePercent(), 0.01) + ")",
                    labels));
            c.add(new RecordingRule("slo:error_budget_remaining:ratio", "1 - " + WINDOW_RATIO + own(c, slo)
                    + " / " + Text.number(slo.errorBudget()), labels));
            List<AlertRule> rules = new ArrayList<>();
            for (Burn b : BURNS) {
                AlertRule rule = burnAlert(c, slo, b);
                c.add(rule);
                rules.add(rule);
            }
            burnRules.add(rules);
        }
        for (int i = 0; i < slos.size(); i++) {
            tests(c, slos, burnRules, i);
        }
    }

    private static String own(RuleContext c, Slo slo) {
        return "{" + eq("slo", slo.name()) + ", " + eq("service", c.settings.serviceName()) + "}";
    }

    private static AlertRule burnAlert(RuleContext c, Slo slo, Burn b) {
        String threshold = Text.product(b.factor(), slo.errorBudget());
        String expr = RATIO + b.longWindow() + own(c, slo) + " > " + threshold + " and " + RATIO + b.shortWindow()
                + own(c, slo) + " > " + threshold;
        double daysLeft = slo.window().getSeconds() / 86_400.0 / b.factor();
        String objective = Text.number(slo.objectivePercent()) + "% " + (slo.kind() == Slo.Kind.AVAILABILITY
                ? "availability" : "of calls within " + Text.number(slo.latencyThreshold().toNanos() / 1e9) + " s");
        String target = (slo.targetType() == Slo.TargetType.HTTP_ROUTE ? "HTTP route " : "timer ") + slo.target();
        return AlertRule.of(b.alert(), b.severity(), b.forDuration(), expr,
                "SLO {{ $labels.slo }} burns its error budget " + Text.number(b.factor()) + "x too fast",
                Text.annotationLiteral("SLO " + slo.name() + " (" + objective + " of " + target + " over "
                        + Text.duration(slo.window()) + ") has had an error ratio over " + Text.number(b.factor())
                        + " times its budget (" + threshold + ") over both the last " + b.longWindow() + " and "
                        + b.shortWindow() + ". At this rate the whole budget is spent in "
                        + String.format(java.util.Locale.ROOT, "%.1f", daysLeft) + " days."),
                Map.of("service", c.settings.serviceName(), "slo", slo.name()));
    }

    /** The share of calls that missed the objective over a window. */
    static String errorRatio(RuleContext c, Slo slo, String w) {
        String family = family(slo);
        String[] target = targetMatchers(slo);
        String all = "sum(rate(" + c.sel(family + "_count", target) + "[" + w + "]))";
        if (slo.kind() == Slo.Kind.AVAILABILITY) {
            // No failure yet means no error series at all: count it as zero, not as no data.
            return "(sum(rate(" + c.sel(family + "_count", with(target, "error_type!=\"\"")) + "[" + w + "]))"
                    + " or vector(0)) / " + all;
        }
        String le = Text.leMatcher(slo.latencyThreshold().toNanos() / 1e9);
        return "1 - sum(rate(" + c.sel(family + "_bucket", with(target, le)) + "[" + w + "])) / " + all;
    }

    private static String family(Slo slo) {
        return slo.targetType() == Slo.TargetType.HTTP_ROUTE ? "http_server_request_duration_seconds"
                : Text.prometheusName(slo.target()) + "_seconds";
    }

    private static String[] targetMatchers(Slo slo) {
        return slo.targetType() == Slo.TargetType.HTTP_ROUTE ? new String[] {eq("http_route", slo.target())}
                : new String[0];
    }

    private static String[] with(String[] matchers, String more) {
        String[] out = java.util.Arrays.copyOf(matchers, matchers.length + 1);
        out[matchers.length] = more;
        return out;
    }

    /**
     * For each burn alert of one SLO, a steady error ratio of 1.5 times its threshold (at most 1): that alert and
     * the slower ones fire, the faster ones stay silent. A healthy run (no failure) keeps all four silent. SLOs
     * measuring the same series in the same way see the same ratio, so their alerts are expected too.
     */
    private static void tests(RuleContext c, List<Slo> slos, List<List<AlertRule>> burnRules, int index) {
        Slo slo = slos.get(index);
        for (Burn scenario : BURNS) {
            double ratio = Math.min(1, Double.parseDouble(Text.product(Double.parseDouble(Text.product(scenario.factor(), 1.5)),
                    slo.errorBudget())));
            if (!(ratio > scenario.factor() * slo.errorBudget())) {
                continue; // a budget so large that this burn rate cannot be reached: the alert can never fire
            }
            c.tests.add(new AlertTest("SLO " + slo.name() + " at an error ratio of " + Text.number(ratio) + ": "
                    + scenario.alert() + " and the slower burn alerts fire", series(c, slo, ratio),
                    checks(slos, burnRules, slo, ratio)));
        }
        c.tests.add(new AlertTest("SLO " + slo.name() + " without failures: no burn alert fires",
                series(c, slo, 0), checks(slos, burnRules, slo, 0)));
    }

    private static List<AlertTest.Check> checks(List<Slo> slos, List<List<AlertRule>> burnRules, Slo slo, double ratio) {
        List<AlertTest.Check> checks = new ArrayList<>();
        for (int j = 0; j < BURNS.size(); j++) {
            List<AlertTest.Firing> firing = new ArrayList<>();
            for (int k = 0; k < slos.size(); k++) {
                Slo other = slos.get(k);
                if (sameSeries(slo, other) && ratio > BURNS.get(j).factor() * other.errorBudget()) {
                    firing.add(new AlertTest.Firing(burnRules.get(k).get(j), Map.of()));
                }
            }
            checks.add(new AlertTest.Check("4h", BURNS.get(j).alert(), firing));
        }
        return checks;
    }

    private static boolean sameSeries(Slo a, Slo b) {
        return a.targetType() == b.targetType() && a.target().equals(b.target()) && a.kind() == b.kind()
                && java.util.Objects.equals(a.latencyThreshold(), b.latencyThreshold());
    }

    private static List<AlertTest.Series> series(RuleContext c, Slo slo, double ratio) {
        String family = family(slo);
        String bad = Text.product(PER_MINUTE, ratio);
        String good = new java.math.BigDecimal(Text.number(PER_MINUTE)).subtract(new java.math.BigDecimal(bad))
                .stripTrailingZeros().toPlainString();
        String all = Text.number(PER_MINUTE);
        boolean http = slo.targetType() == Slo.TargetType.HTTP_ROUTE;
        String[] base = http ? new String[] {"http_route", slo.target(), "http_request_method", "GET",
                "http_response_status_code", "200"} : new String[0];
        List<AlertTest.Series> out = new ArrayList<>();
        if (slo.kind() == Slo.Kind.AVAILABILITY) {
            out.add(s(c.input(family + "_count", base), "0+" + good + "x300"));
            String[] failed = http ? new String[] {"http_route", slo.target(), "http_request_method", "GET",
                    "http_response_status_code", "500", "error_type", "500"}
                    : new String[] {"error_type", "java.lang.IllegalStateException"};
            out.add(s(c.input(family + "_count", failed), "0+" + bad + "x300"));
        } else {
            String[] bucket = java.util.Arrays.copyOf(base, base.length + 2);
            bucket[base.length] = "le";
            bucket[base.length + 1] = Text.leValue(slo.latencyThreshold().toNanos() / 1e9);
            out.add(s(c.input(family + "_bucket", bucket), "0+" + good + "x300"));
            out.add(s(c.input(family + "_count", base), "0+" + all + "x300"));
        }
        return out;
    }
}
