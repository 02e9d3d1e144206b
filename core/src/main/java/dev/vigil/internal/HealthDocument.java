package dev.vigil.internal;

import dev.vigil.HealthRegistry;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code /health} JSON: the aggregate {@code status}, the {@code timestamp} (ISO-8601, UTC), {@code uptime_seconds},
 * every check under {@code components} with its {@code status} and {@code details} (the check's detail as
 * {@code message}, then its named details), and a {@code metrics} summary of the last 5 minutes. The results given
 * are already redacted by the registry.
 *
 * <pre>{@code
 * {"status":"degraded","timestamp":"2026-11-29T18:30:00Z","uptime_seconds":312,
 *  "components":{"http.success_rate":{"status":"degraded","details":{"message":"...","requests":250,...}}},
 *  "metrics":{"requests_total":250,"success_rate":0.8,"p95_ms":42.5,"queue_depth":0}}
 * }</pre>
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class HealthDocument {
    private HealthDocument() {
    }

    /**
     * @param results the checks' results, in name order
     * @param model the window and uptime; null for none (the summary is then all zeros)
     * @param now the time to show
     * @return the JSON text
     */
    public static String json(Map<String, HealthResult> results, HealthModel model, Instant now) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"status\":\"").append(HealthRegistry.aggregate(results).jsonName()).append('"');
        json.append(",\"timestamp\":\"").append(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS))).append('"');
        json.append(",\"uptime_seconds\":").append(model == null ? 0 : model.uptimeSeconds());
        json.append(",\"components\":{");
        boolean first = true;
        for (Map.Entry<String, HealthResult> e : results.entrySet()) {
            json.append(first ? "" : ",");
            first = false;
            component(json, e.getKey(), e.getValue());
        }
        json.append("},\"metrics\":{");
        RequestWindow.Stats all = model == null ? null : model.requests().snapshot().total();
        json.append("\"requests_total\":").append(all == null ? 0 : all.count());
        json.append(",\"success_rate\":").append(number(all == null ? 1.0 : all.successRate(), 4));
        json.append(",\"p95_ms\":").append(number(all == null ? 0 : all.quantileMs(0.95), 1));
        json.append(",\"queue_depth\":").append(model == null ? 0 : model.queueDepth());
        return json.append("}}").toString();
    }

    private static void component(StringBuilder json, String name, HealthResult r) {
        Json.string(json, name).append(":{\"status\":\"").append(r.status().jsonName()).append("\",\"details\":{");
        boolean first = true;
        if (r.detail() != null) {
            Json.string(json.append("\"message\":"), r.detail());
            first = false;
        }
        for (Map.Entry<String, Object> d : r.details().entrySet()) {
            if ("message".equals(d.getKey()) && r.detail() != null) {
                continue;
            }
            Json.string(json.append(first ? "" : ","), d.getKey()).append(':');
            first = false;
            Object v = d.getValue();
            if (v instanceof Long) {
                json.append((long) (Long) v);
            } else if (v instanceof Double) {
                json.append(number((Double) v, 3));
            } else {
                Json.string(json, String.valueOf(v));
            }
        }
        json.append("}}");
    }

    /** A finite number in plain notation with at most {@code digits} decimals, without trailing zeros. */
    static String number(double d, int digits) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "f", d);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return "-0".equals(s) ? "0" : s;
    }

    /** @return the HTTP status of {@code /health} and {@code /health/ready}: 503 when unhealthy, else 200 */
    static int httpStatus(HealthStatus status) {
        return status == HealthStatus.UNHEALTHY ? 503 : 200;
    }
}
