package dev.vigil;

import dev.vigil.internal.RequestWindow;
import dev.vigil.internal.StatusSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status page's tables that belong to other parts of Vigil: the SLOs (judged on the last 5 minutes of the
 * request window, since the process keeps no 30 days of data) and today's GenAI cost. Each is read at every page
 * view and shows no rows, so no table, while there is nothing to show.
 */
final class StatusSections {
    private StatusSections() {
    }

    /** Adds the sections to the page of this Vigil. */
    static void register(Vigil vigil, dev.vigil.internal.HealthModel model) {
        model.section(new Section("SLOs: error budget at the last 5 minutes' rate",
                List.of("SLO", "objective", "target", "window", "burn rate", "budget left at this rate"), () -> slos(vigil, model)));
        model.section(new Section("GenAI cost today (UTC)", List.of("spent", "daily budget", "used"), () -> genAi(vigil)));
    }

    /**
     * One row per SLO. The burn rate is the last 5 minutes' error ratio over the error budget (1 spends the budget
     * exactly over the SLO's window); the budget left is what would remain at the end of the window at that rate.
     * Prometheus, with the generated recording rules, has the real budget over the whole window.
     */
    static List<List<String>> slos(Vigil vigil, dev.vigil.internal.HealthModel model) {
        List<Slo> slos = vigil.operations().slos();
        if (slos.isEmpty()) {
            return List.of();
        }
        RequestWindow.Snapshot window = model.requests().snapshot();
        List<List<String>> rows = new ArrayList<>(slos.size());
        for (Slo slo : slos) {
            String objective = slo.kind() == Slo.Kind.AVAILABILITY
                    ? percent(slo.objectivePercent()) + " succeed"
                    : percent(slo.objectivePercent()) + " within " + slo.latencyThreshold().toMillis() + " ms";
            String target = (slo.targetType() == Slo.TargetType.HTTP_ROUTE ? "route " : "timer ") + slo.target();
            String window30 = slo.window().toDays() + " d";
            RequestWindow.Stats stats = slo.targetType() == Slo.TargetType.HTTP_ROUTE ? route(window, slo.target()) : null;
            if (stats == null || stats.count() == 0) {
                String why = slo.targetType() == Slo.TargetType.HTTP_ROUTE ? "no requests lately" : "see Prometheus";
                rows.add(List.of(slo.name(), objective, target, window30, why, "-"));
                continue;
            }
            double bad = slo.kind() == Slo.Kind.AVAILABILITY ? 1 - stats.successRate()
                    : stats.fractionAbove(slo.latencyThreshold().toMillis());
            double burn = bad / slo.errorBudget();
            rows.add(List.of(slo.name(), objective, target, window30, String.format(Locale.ROOT, "%.2fx", burn),
                    burn >= 1 ? "none" : percent(100 * (1 - burn))));
        }
        return rows;
    }

    private static RequestWindow.Stats route(RequestWindow.Snapshot window, String route) {
        for (RequestWindow.Stats s : window.routes()) {
            if (s.route().equals(route)) {
                return s;
            }
        }
        return null;
    }

    /** Today's spend, once something was spent or a budget is set. */
    static List<List<String>> genAi(Vigil vigil) {
        GenAi genAi = vigil.genAi();
        double spent = genAi.today().spentUsd();
        GenAiBudget budget = genAi.budget();
        if (spent == 0 && budget == null) {
            return List.of();
        }
        double daily = genAi.settings().dailyBudgetUsd();
        return List.of(List.of(usd(spent), budget == null ? "none" : usd(daily),
                budget == null ? "-" : percent(100 * budget.getAsDouble())));
    }

    private static String usd(double d) {
        return String.format(Locale.ROOT, d < 1 ? "$%.4f" : "$%.2f", d);
    }

    /** A percentage with at most two decimals and no trailing zero: 99.9%, 99.95%, 80%. */
    private static String percent(double d) {
        String s = String.format(Locale.ROOT, "%.2f", d).replaceAll("\\.?0+$", "");
        return s + '%';
    }

    /** A section whose rows are computed at each page view. */
    private static final class Section implements StatusSection {
        private final String title;
        private final List<String> columns;
        private final java.util.function.Supplier<List<List<String>>> rows;

        Section(String title, List<String> columns, java.util.function.Supplier<List<List<String>>> rows) {
            this.title = title;
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public List<String> columns() {
            return columns;
        }

        @Override
        public List<List<String>> rows() {
            return rows.get();
        }
    }
}
