package dev.vigil.internal.operations;

import static dev.vigil.internal.operations.RuleContext.eq;
import static dev.vigil.internal.operations.RuleContext.labels;
import static dev.vigil.internal.operations.RuleContext.s;

import java.util.List;

/** The standard alerts on request series: HTTP server, database client and GenAI client. */
final class RequestAlerts {
    private static final String HTTP = "http_server_request_duration_seconds";
    private static final String DB = "db_client_operation_duration_seconds";
    private static final String GENAI = "gen_ai_client_operation_duration_seconds";
    private static final String BUDGET = "gen_ai_budget_used_ratio";
    private static final String ROUTE = "/checkout";

    private RequestAlerts() {
    }

    static void addTo(RuleContext c) {
        if (c.series.has(HTTP)) {
            httpErrors(c);
            httpLatency(c);
            apdex(c);
        }
        if (c.series.has(DB)) {
            dbErrors(c);
        }
        if (c.series.has("db_client_connections") && c.series.has("db_client_connection_max")) {
            dbPool(c);
        }
        if (c.series.has(GENAI)) {
            genAiErrors(c);
        }
        if (c.series.has(BUDGET)) {
            genAiBudget(c);
        }
    }

    /** {@code errors / all} of a counter or histogram count, by the given labels. */
    static String ratio(RuleContext c, String count, String by, String errorMatcher, String window) {
        return "sum by (" + by + ") (rate(" + c.sel(count, errorMatcher) + "[" + window + "]))"
                + " / sum by (" + by + ") (rate(" + c.sel(count) + "[" + window + "]))";
    }

    private static void httpErrors(RuleContext c) {
        AlertRule rule = c.alert("HttpHighErrorRatio", "critical", "5m",
                ratio(c, HTTP + "_count", "http_route", "error_type!=\"\"", "5m") + " > 0.01",
                "More than 1% of {{ $labels.http_route }} requests fail",
                "Over the last 5 minutes more than 1% of HTTP requests to route {{ $labels.http_route }} of "
                        + Text.annotationLiteral(c.settings.serviceName()) + " ended in a 5xx or without a response"
                        + " (error_type is set). Look at error_type and the failing spans.");
        String ok = c.input(HTTP + "_count", "http_route", ROUTE, "http_request_method", "POST",
                "http_response_status_code", "200");
        String failed = c.input(HTTP + "_count", "http_route", ROUTE, "http_request_method", "POST",
                "http_response_status_code", "500", "error_type", "500");
        c.alertWithTests(rule, "20m", labels("http_route", ROUTE),
                List.of(s(ok, "0+90x30"), s(failed, "0+10x30")),
                List.of(s(ok, "0+90x30"), s(failed, "0x30")));
    }

    /**
     * Apdex per route: (satisfied + tolerating / 2) / all, satisfied at most T, tolerating at most 4T. T is a bucket
     * boundary (checked at build); 4T often is not (2 s for the default 0.5 s), and then the count under it is
     * interpolated linearly between the boundaries around it, as {@code histogram_quantile} does.
     */
    private static void apdex(RuleContext c) {
        double t = c.settings.apdexSeconds();
        double fourT = 4 * t;
        double[] buckets = dev.vigil.conventions.HttpConventions.SERVER_REQUEST_DURATION.buckets();
        double lo = 0;
        double hi = 0;
        for (double b : buckets) {
            if (b <= fourT + 1e-9) {
                lo = b;
            } else if (hi == 0) {
                hi = b;
            }
        }
        String satisfied = under(c, t);
        String tolerating = Math.abs(lo - fourT) < 1e-9 ? under(c, lo)
                : "(" + under(c, lo) + " + (" + under(c, hi) + " - " + under(c, lo) + ") * "
                        + Text.number((fourT - lo) / (hi - lo)) + ")";
        String all = "sum by (http_route) (rate(" + c.sel(HTTP + "_count") + "[5m]))";
        java.util.Map<String, String> labels = labels("apdex_t", Text.number(t), "service", c.settings.serviceName());
        c.add(new RecordingRule("http_route:apdex:ratio_rate5m", "(" + satisfied + " + " + tolerating + ") / 2 / " + all,
                labels));
        // Half the requests satisfied, half frustrated (over 4T): Apdex 0.5.
        java.util.Set<Double> les = new java.util.TreeSet<>(List.of(t, lo, hi == 0 ? lo : hi));
        List<AlertTest.Series> series = new java.util.ArrayList<>();
        for (double le : les) {
            series.add(s(c.input(HTTP + "_bucket", "http_route", ROUTE, "le", Text.leValue(le)), "0+30x10"));
        }
        series.add(s(c.input(HTTP + "_count", "http_route", ROUTE), "0+60x10"));
        c.exprTests.add(new ExprTest("Apdex is 0.5 when half the requests are satisfied and half frustrated", series,
                "10m", "http_route:apdex:ratio_rate5m", "{" + eq("apdex_t", Text.number(t)) + ", "
                        + eq("http_route", ROUTE) + ", " + eq("service", c.settings.serviceName()) + "}", "0.5"));
    }

    private static String under(RuleContext c, double le) {
        return "sum by (http_route) (rate(" + c.sel(HTTP + "_bucket", Text.leMatcher(le)) + "[5m]))";
    }

    private static void httpLatency(RuleContext c) {
        String target = Text.number(c.settings.httpP95TargetSeconds());
        AlertRule rule = c.alert("HttpLatencyP95High", "warning", "10m",
                "histogram_quantile(0.95, sum by (http_route, le) (rate(" + c.sel(HTTP + "_bucket") + "[5m]))) > "
                        + target,
                "p95 latency of {{ $labels.http_route }} is over " + target + " s",
                "The 95th percentile of HTTP server request duration on route {{ $labels.http_route }} of "
                        + Text.annotationLiteral(c.settings.serviceName()) + " has been over " + target
                        + " s for 10 minutes. Look at the slowest spans and at the database and client calls they make.");
        String[] base = {"http_route", ROUTE, "http_request_method", "GET", "http_response_status_code", "200"};
        c.alertWithTests(rule, "25m", labels("http_route", ROUTE),
                List.of(s(bucket(c, base, "10.0"), "0x30"), s(bucket(c, base, "+Inf"), "0+10x30")),
                List.of(s(bucket(c, base, "0.005"), "0+10x30"), s(bucket(c, base, "+Inf"), "0+10x30")));
    }

    private static String bucket(RuleContext c, String[] base, String le) {
        String[] kv = java.util.Arrays.copyOf(base, base.length + 2);
        kv[base.length] = "le";
        kv[base.length + 1] = le;
        return c.input(HTTP + "_bucket", kv);
    }

    private static void dbErrors(RuleContext c) {
        AlertRule rule = c.alert("DbHighErrorRatio", "warning", "5m",
                ratio(c, DB + "_count", "db_system_name", "error_type!=\"\"", "5m") + " > 0.05",
                "More than 5% of {{ $labels.db_system_name }} operations fail",
                "Over the last 5 minutes more than 5% of database operations on {{ $labels.db_system_name }} failed"
                        + " (error_type is set). Look at error_type, the database's health and its connection pool.");
        String ok = c.input(DB + "_count", "db_system_name", "postgresql", "db_operation_name", "SELECT");
        String failed = c.input(DB + "_count", "db_system_name", "postgresql", "db_operation_name", "SELECT",
                "error_type", "java.sql.SQLException");
        c.alertWithTests(rule, "20m", labels("db_system_name", "postgresql"),
                List.of(s(ok, "0+80x30"), s(failed, "0+20x30")),
                List.of(s(ok, "0+80x30"), s(failed, "0x30")));
    }

    private static void dbPool(RuleContext c) {
        String by = "db_client_connection_pool_name";
        AlertRule rule = c.alert("DbPoolSaturated", "warning", "5m",
                "sum by (" + by + ") (" + c.sel("db_client_connections", eq("db_client_connection_state", "used"))
                        + ") / sum by (" + by + ") (" + c.sel("db_client_connection_max") + ") > 0.9",
                "Connection pool {{ $labels.db_client_connection_pool_name }} is over 90% in use",
                "More than 90% of the connections of pool {{ $labels.db_client_connection_pool_name }} have been in use"
                        + " for 5 minutes: requests will soon wait for a connection. Look for slow queries, leaked"
                        + " connections, or size the pool.");
        String used = c.input("db_client_connections", by, "main", "db_client_connection_state", "used");
        String max = c.input("db_client_connection_max", by, "main");
        c.alertWithTests(rule, "15m", labels(by, "main"),
                List.of(s(used, "10x20"), s(max, "10x20")),
                List.of(s(used, "2x20"), s(max, "10x20")));
    }

    private static void genAiErrors(RuleContext c) {
        String by = "gen_ai_provider_name, gen_ai_request_model";
        AlertRule rule = c.alert("GenAiHighErrorRatio", "warning", "10m",
                ratio(c, GENAI + "_count", by, "error_type!=\"\"", "5m") + " > 0.05",
                "More than 5% of {{ $labels.gen_ai_request_model }} calls fail",
                "Over the last 5 minutes more than 5% of GenAI calls to {{ $labels.gen_ai_provider_name }} model"
                        + " {{ $labels.gen_ai_request_model }} failed. Look at error_type: rate limits, timeouts, the"
                        + " provider's status.");
        String[] model = {"gen_ai_provider_name", "openai", "gen_ai_request_model", "gpt-4o",
                "gen_ai_operation_name", "chat"};
        String ok = c.input(GENAI + "_count", model);
        String[] failedLabels = java.util.Arrays.copyOf(model, model.length + 2);
        failedLabels[model.length] = "error_type";
        failedLabels[model.length + 1] = "timeout";
        String failed = c.input(GENAI + "_count", failedLabels);
        c.alertWithTests(rule, "25m", labels("gen_ai_provider_name", "openai", "gen_ai_request_model", "gpt-4o"),
                List.of(s(ok, "0+80x30"), s(failed, "0+20x30")),
                List.of(s(ok, "0+80x30"), s(failed, "0x30")));
    }

    private static void genAiBudget(RuleContext c) {
        String used = "max(" + c.sel(BUDGET) + ")";
        String description = "Today's GenAI spend of " + Text.annotationLiteral(c.settings.serviceName())
                + " has reached %s of its daily budget (gen_ai_budget_used_ratio). Look at the cost by model and"
                + " feature.";
        AlertRule half = c.alert("GenAiBudgetSpent", "warning", "5m", used + " >= 0.5",
                "GenAI spend is over 50% of the daily budget", String.format(description, "50%"));
        AlertRule all = c.alert("GenAiBudgetSpent", "critical", "1m", used + " >= 1",
                "GenAI spend has reached the daily budget", String.format(description, "100%"));
        c.add(half);
        c.add(all);
        String series = c.input(BUDGET);
        String name = half.name();
        c.tests.add(new AlertTest(name + " at 70%: the warning fires, not the critical", List.of(s(series, "0.7x20")),
                List.of(new AlertTest.Check("15m", name, List.of(new AlertTest.Firing(half, labels()))))));
        c.tests.add(new AlertTest(name + " at 120%: both fire (Alertmanager inhibits the warning)",
                List.of(s(series, "1.2x20")), List.of(new AlertTest.Check("15m", name, List.of(
                        new AlertTest.Firing(half, labels()), new AlertTest.Firing(all, labels()))))));
        c.tests.add(new AlertTest(name + " at 10%: silent", List.of(s(series, "0.1x20")),
                List.of(new AlertTest.Check("15m", name, List.of()))));
    }
}
