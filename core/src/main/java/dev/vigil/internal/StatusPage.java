package dev.vigil.internal;

import dev.vigil.HealthRegistry;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status page served at {@code GET /} of the management port: one self-contained HTML page (inline CSS, no
 * script, no external asset) that reloads itself every 10 seconds. It shows the overall and per-check health, the
 * uptime, request rate, error rate and p95 per route over the last 5 minutes, and the sections other parts of Vigil
 * add ({@link StatusSection}: SLO budgets, today's GenAI cost). Without the token (when one is set) it shows the
 * overall status only, as {@code /health/ready} does. Every value is HTML-escaped.
 *
 * <p>Internal: not part of Vigil's API.
 */
final class StatusPage {
    private static final String CSS = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d232a;background:#f6f7f9}"
            + "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}"
            + "table{border-collapse:collapse;background:#fff;min-width:560px}"
            + "th,td{border:1px solid #d9dde3;padding:4px 10px;text-align:left}td.n{text-align:right}"
            + "th{background:#eef0f3}.s{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600;color:#fff}"
            + ".healthy{background:#1f883d}.degraded{background:#bf8700}.unhealthy{background:#cf222e}"
            + ".big{font-size:18px;padding:4px 16px}.m{color:#57606a}";

    private StatusPage() {
    }

    /**
     * @param results the checks' results (already redacted), in name order
     * @param model the window, uptime, queues and sections
     * @param now the time to show
     * @param full false to show the overall status only
     * @return the page
     */
    static String html(Map<String, HealthResult> results, HealthModel model, Instant now, boolean full) {
        HealthStatus overall = HealthRegistry.aggregate(results);
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"10\"><meta name=\"referrer\" content=\"no-referrer\">")
                .append("<title>").append(esc(model.service())).append(" status</title><style>").append(CSS)
                .append("</style></head><body><h1>").append(esc(model.service())).append("</h1>");
        h.append("<p>Overall: ").append(badge(overall, " big")).append("</p>");
        if (!full) {
            h.append("<p class=\"m\">Details need the management token (Authorization: Bearer).</p>");
            return footer(h, now).toString();
        }
        h.append("<p>Uptime: <b id=\"uptime\">").append(esc(uptime(model.uptimeSeconds()))).append("</b></p>");
        h.append("<h2>Checks</h2><table><tr><th>check</th><th>status</th><th>detail</th></tr>");
        for (Map.Entry<String, HealthResult> e : results.entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(badge(e.getValue().status(), ""))
                    .append("</td><td>").append(esc(e.getValue().detail() == null ? "" : e.getValue().detail())).append("</td></tr>");
        }
        h.append("</table>");
        requests(h, model.requests().snapshot());
        for (StatusSection s : model.sections()) {
            section(h, s);
        }
        return footer(h, now).toString();
    }

    private static void requests(StringBuilder h, RequestWindow.Snapshot snap) {
        h.append("<h2>HTTP requests, last 5 minutes</h2>");
        if (snap.total().count() == 0) {
            h.append("<p class=\"m\">No requests in the last 5 minutes.</p>");
            return;
        }
        h.append("<table><tr><th>route</th><th>requests</th><th>rate (req/s)</th><th>error rate</th><th>p95 (ms)</th></tr>");
        for (RequestWindow.Stats r : snap.routes()) {
            row(h, r, snap.seconds(), false);
        }
        row(h, snap.total(), snap.seconds(), true);
        h.append("</table>");
    }

    private static void row(StringBuilder h, RequestWindow.Stats r, double seconds, boolean total) {
        String td = total ? "<th>" : "<td class=\"n\">";
        String end = total ? "</th>" : "</td>";
        h.append("<tr>").append(total ? "<th>" : "<td>").append(esc(r.route())).append(end)
                .append(td).append(r.count()).append(end)
                .append(td).append(String.format(Locale.ROOT, "%.2f", r.count() / seconds)).append(end)
                .append(td).append(String.format(Locale.ROOT, "%.1f%%", (1 - r.successRate()) * 100)).append(end)
                .append(td).append(String.format(Locale.ROOT, "%.0f", r.quantileMs(0.95))).append(end).append("</tr>");
    }

    private static void section(StringBuilder h, StatusSection s) {
        List<List<String>> rows;
        List<String> columns;
        String title;
        try {
            rows = s.rows();
            columns = s.columns();
            title = s.title();
        } catch (RuntimeException e) {
            ApiWarnings.warn("health", "a status page section failed: " + e.getClass().getName());
            return;
        }
        if (rows == null || rows.isEmpty()) {
            return;
        }
        h.append("<h2>").append(esc(title)).append("</h2><table><tr>");
        for (String c : columns) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>");
        for (List<String> row : rows) {
            h.append("<tr>");
            for (String cell : row) {
                h.append("<td>").append(esc(cell)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static StringBuilder footer(StringBuilder h, Instant now) {
        return h.append("<p class=\"m\">").append(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .append(" &middot; refreshes every 10 s &middot; JSON at /health</p></body></html>");
    }

    private static String badge(HealthStatus s, String extra) {
        return "<span class=\"s " + s.jsonName() + extra + "\">" + s.jsonName() + "</span>";
    }

    static String uptime(long seconds) {
        long d = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return d > 0 ? d + " d " + hours + " h " + m + " min" : hours > 0 ? hours + " h " + m + " min" : m + " min " + s + " s";
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : null;
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                b.append(r != null ? r : String.valueOf(c));
            }
        }
        return b == null ? s : b.toString();
    }
}
