package dev.vigil.testing;

import dev.vigil.conventions.Conventions;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds a real Prometheus scrape against {@link Conventions#all()}: every family that renders a convention's name
 * must have the convention's rendered name (unit suffix included), type, HELP text, required attributes on every
 * series and exactly its bucket boundaries. Families of other names (user KPIs, JVM metrics) are not judged here;
 * {@link Promtool} judges the whole scrape.
 *
 * <pre>{@code
 * String text = scrape(metrics);
 * PrometheusConformance.assertConforms(text, "task.duration", "task.wait.duration"); // these must be present
 * Promtool.assertClean(text);                                                        // no error, no lint
 * }</pre>
 */
public final class PrometheusConformance {
    private PrometheusConformance() {
    }

    /**
     * @param scrape a Prometheus text scrape
     * @param mustAppear dotted names of conventions that must have at least one series in it
     * @throws AssertionError listing every violation
     */
    public static void assertConforms(String scrape, String... mustAppear) {
        List<String> v = violations(scrape, mustAppear);
        if (!v.isEmpty()) {
            throw new AssertionError("the scrape breaks the metric conventions:\n  " + String.join("\n  ", v)
                    + "\n--- scrape ---\n" + scrape);
        }
    }

    /**
     * @param scrape a Prometheus text scrape
     * @param mustAppear dotted names of conventions that must have at least one series in it
     * @return one line per violation; empty when the scrape conforms
     */
    public static List<String> violations(String scrape, String... mustAppear) {
        Map<String, ScrapeFamily> families = ScrapeFamily.parse(scrape);
        List<String> out = new ArrayList<>();
        Map<String, MetricConvention> byRendered = new LinkedHashMap<>();
        for (MetricConvention c : Conventions.all()) {
            byRendered.put(rendered(c), c);
        }
        for (String name : mustAppear) {
            MetricConvention c = Conventions.find(name);
            if (c == null) {
                out.add(name + ": no such convention");
            } else if (family(families, c) == null || family(families, c).samples.isEmpty()) {
                out.add(name + ": no series of " + rendered(c));
            }
        }
        for (ScrapeFamily f : families.values()) {
            MetricConvention c = byRendered.get(f.name);
            if (c == null && f.name.endsWith("_total")) {
                c = byRendered.get(f.name.substring(0, f.name.length() - "_total".length()));
            }
            if (c != null) {
                check(c, f, out);
            } else {
                misrendered(f, byRendered, out);
            }
        }
        return out;
    }

    /**
     * The Prometheus name of a convention, without the {@code _total}, {@code _bucket}, {@code _sum} or
     * {@code _count} a sample adds: dots become underscores and the unit's word is appended
     * ({@code storage.operation.size} in {@code By} is {@code storage_operation_size_bytes}).
     *
     * @param c a convention
     * @return its rendered family name
     */
    public static String rendered(MetricConvention c) {
        String base = c.name().replace('.', '_');
        String suffix = unitWord(c.unit());
        return suffix == null || base.endsWith("_" + suffix) ? base : base + "_" + suffix;
    }

    static String unitWord(String unit) {
        if (unit.isEmpty() || unit.equals("1") || unit.startsWith("{")) {
            return null;
        }
        switch (unit) {
            case "s": return "seconds";
            case "ms": return "milliseconds";
            case "By": return "bytes";
            default: return unit;
        }
    }

    private static ScrapeFamily family(Map<String, ScrapeFamily> families, MetricConvention c) {
        ScrapeFamily f = families.get(rendered(c));
        return f != null ? f : families.get(rendered(c) + "_total");
    }

    private static void check(MetricConvention c, ScrapeFamily f, List<String> out) {
        String what = c.name() + " (" + f.name + ")";
        String type = c.instrument() == Instrument.COUNTER ? "counter"
                : c.instrument() == Instrument.HISTOGRAM ? "histogram" : "gauge";
        if (!f.type.equals(type)) {
            out.add(what + ": TYPE " + f.type + ", expected " + type);
        }
        if (f.help == null || !f.help.equals(c.description())) {
            out.add(what + ": HELP '" + f.help + "', expected '" + c.description() + "'");
        }
        Map<Map<String, String>, Set<Double>> bucketsBySeries = new LinkedHashMap<>();
        for (ScrapeFamily.Sample s : f.samples) {
            // The cardinality budget's overflow series carries only otel_metric_overflow="true", by design.
            boolean overflow = "true".equals(s.labels.get("otel_metric_overflow"));
            for (String key : overflow ? List.<String>of() : c.required()) {
                if (!s.labels.containsKey(key.replace('.', '_'))) {
                    out.add(what + ": series lacks required attribute " + key + ": " + s.line);
                }
            }
            if (s.series.endsWith("_bucket")) {
                Map<String, String> labels = new LinkedHashMap<>(s.labels);
                String le = labels.remove("le");
                if (le != null && !le.equals("+Inf")) {
                    bucketsBySeries.computeIfAbsent(labels, k -> new TreeSet<>()).add(Double.valueOf(le));
                }
            }
        }
        if (c.instrument() == Instrument.HISTOGRAM && c.buckets().length > 0) {
            Set<Double> expected = new TreeSet<>();
            Arrays.stream(c.buckets()).forEach(expected::add);
            bucketsBySeries.forEach((labels, le) -> {
                if (!le.equals(expected)) {
                    out.add(what + labels + ": buckets " + le + ", expected " + expected);
                }
            });
        }
    }

    /** A family that starts like a convention's name but is not its rendering: a wrong or missing unit. */
    private static void misrendered(ScrapeFamily f, Map<String, MetricConvention> byRendered, List<String> out) {
        for (Map.Entry<String, MetricConvention> e : byRendered.entrySet()) {
            String base = e.getValue().name().replace('.', '_');
            boolean own = f.name.equals(e.getKey() + "_max"); // Micrometer's companion gauge of a timer
            if (!own && (f.name.equals(base) || f.name.equals(base + "_total")
                    || (f.name.startsWith(base + "_") && !byRendered.containsKey(f.name)
                        && !startsAnother(f.name, base, byRendered)))) {
                out.add(e.getValue().name() + ": rendered as " + f.name + ", expected " + e.getKey());
            }
        }
    }

    private static boolean startsAnother(String family, String base, Map<String, MetricConvention> byRendered) {
        for (MetricConvention other : byRendered.values()) {
            String b = other.name().replace('.', '_');
            if (b.length() > base.length() && family.startsWith(b)) {
                return true;
            }
        }
        return false;
    }
}
