package dev.vigil;

import dev.vigil.DashboardRows.Panel;
import dev.vigil.DashboardRows.Query;
import dev.vigil.DashboardRows.Row;
import dev.vigil.internal.operations.EmittedSeries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's SLO budget row, over the recording rules of {@code prometheus-rules.yml} (which carry the labels
 * {@code slo} and {@code service}), and which domain rows the dashboard has, from what the service emits: the same
 * snapshot the rules are generated from, so that the dashboard and the alerts cover the same series.
 */
final class SloDashboardRow {
    private SloDashboardRow() {
    }

    /**
     * @param slos the SLOs defined
     * @return the SLO budget row, or none without SLOs
     */
    static List<Row> rows(List<Slo> slos) {
        if (slos.isEmpty()) {
            return List.of();
        }
        List<Panel> panels = new ArrayList<>();
        for (Slo slo : slos) {
            String own = "{slo=\"" + slo.name() + "\",service=~\"$service\"}";
            panels.add(new Panel(slo.name() + ": error budget remaining", "Share of the error budget of "
                    + slo.name() + " left over its window; below 0 the objective is missed.", "percentunit", false,
                    new Query("slo:error_budget_remaining:ratio" + own, "remaining")));
            panels.add(new Panel(slo.name() + ": error ratio", "Share of bad events of " + slo.name()
                    + " over 5 minutes and 1 hour, against the share the objective allows.", "percentunit", false,
                    new Query("slo:sli_error:ratio_rate5m" + own, "5m"),
                    new Query("slo:sli_error:ratio_rate1h" + own, "1h"),
                    new Query("1 - slo:objective:ratio" + own, "allowed")));
        }
        return List.of(new Row("SLO budget", panels));
    }

    /**
     * @param emitted what the service emits now
     * @return the domains in use, as {@link DashboardRows#rows(Set)} names them
     */
    static Set<String> domains(EmittedSeries emitted) {
        Set<String> in = new LinkedHashSet<>();
        add(in, emitted, "http", "http_server_request_duration_seconds");
        add(in, emitted, "db", "db_client_operation_duration_seconds", "db_client_connections");
        add(in, emitted, "tasks", "task_duration_seconds", "task_queue_depth");
        add(in, emitted, "messaging", "messaging_process_duration_seconds", "messaging_consumer_lag",
                "messaging_client_operation_duration_seconds");
        add(in, emitted, "cache", "cache_requests", "cache_size");
        add(in, emitted, "auth", "auth_attempts");
        add(in, emitted, "genai", "gen_ai_client_token_usage", "gen_ai_client_operation_duration_seconds");
        return in;
    }

    private static void add(Set<String> in, EmittedSeries emitted, String domain, String... families) {
        for (String f : families) {
            if (emitted.has(f)) {
                in.add(domain);
                return;
            }
        }
    }
}
