package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.ArrayList;
import java.util.List;

/** Renders the generated part of {@code docs/conventions.md}: one Markdown table row per convention. */
final class ConventionsDoc {
    private ConventionsDoc() {
    }

    static String tables(List<MetricConvention> all) {
        StringBuilder b = new StringBuilder();
        b.append("| metric | Prometheus | instrument | unit | attributes | buckets | stability | origin | HELP |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (MetricConvention c : all) {
            b.append("| `").append(c.name()).append("` | `").append(prometheusName(c)).append("` | ")
                    .append(c.instrument().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).append(" | `")
                    .append(c.unit()).append("` | ").append(attributes(c)).append(" | ").append(buckets(c))
                    .append(" | ").append(c.stability().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(c.origin() == MetricConvention.Origin.OPENTELEMETRY ? "OpenTelemetry" : "Vigil")
                    .append(" | ").append(c.description().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    static String prometheusName(MetricConvention c) {
        String base = c.name().replace('.', '_');
        String unit = c.unit();
        String word = unit.isEmpty() || unit.equals("1") || unit.startsWith("{") ? null
                : unit.equals("s") ? "seconds" : unit.equals("By") ? "bytes" : unit.equals("ms") ? "milliseconds" : unit;
        String name = word == null || base.endsWith("_" + word) ? base : base + "_" + word;
        return c.instrument() == Instrument.COUNTER ? name + "_total" : name;
    }

    private static String attributes(MetricConvention c) {
        List<String> parts = new ArrayList<>();
        c.required().forEach(k -> parts.add("`" + k + "` (required)"));
        c.conditional().forEach(k -> parts.add("`" + k + "` (conditional)"));
        c.recommended().forEach(k -> parts.add("`" + k + "` (recommended)"));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String buckets(MetricConvention c) {
        double[] b = c.buckets();
        if (b.length == 0) {
            return c.instrument() == Instrument.HISTOGRAM ? "default" : "";
        }
        List<String> s = new ArrayList<>();
        for (double d : b) {
            s.add(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
        }
        return String.join(" ", s);
    }
}
