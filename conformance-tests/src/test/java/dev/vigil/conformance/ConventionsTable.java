package dev.vigil.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated table of {@code docs/conventions.md}, read as a user reads it, and a scrape held against each row:
 * the Prometheus family exists with samples, its TYPE is the row's instrument, its name carries the row's unit,
 * every series carries the row's required attributes, and every histogram series has exactly the row's buckets.
 */
final class ConventionsTable {
    private static final String BEGIN = "<!-- BEGIN GENERATED";
    private static final String END = "<!-- END GENERATED";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CODE = Pattern.compile("`([^`]+)` \\((required|conditional|recommended)\\)");

    /** One row of the table. */
    static final class Row {
        final String metric;
        final String prometheus;
        final String instrument;
        final String unit;
        final List<String> required = new ArrayList<>();
        final Set<Double> buckets = new TreeSet<>();

        private Row(String[] cells) {
            metric = unquote(cells[0]);
            prometheus = unquote(cells[1]);
            instrument = cells[2].trim();
            unit = unquote(cells[3]);
            Matcher m = CODE.matcher(cells[4]);
            while (m.find()) {
                if (m.group(2).equals("required")) {
                    required.add(m.group(1));
                }
            }
            for (String b : cells[5].trim().split("\\s+")) {
                if (!b.isEmpty()) {
                    buckets.add(Double.valueOf(b));
                }
            }
        }

        /** The family name without the {@code _total} a counter's samples carry. */
        String family() {
            return prometheus.endsWith("_total") ? prometheus.substring(0, prometheus.length() - "_total".length())
                    : prometheus;
        }

        String expectedType() {
            return instrument.equals("counter") || instrument.equals("histogram") ? instrument : "gauge";
        }
    }

    final Map<String, Row> rows = new LinkedHashMap<>();

    private ConventionsTable() {
    }

    /**
     * @param doc the path of {@code docs/conventions.md}
     * @return its generated table, by dotted metric name
     */
    static ConventionsTable read(Path doc) throws IOException {
        ConventionsTable t = new ConventionsTable();
        boolean in = false;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (line.startsWith(BEGIN)) {
                in = true;
            } else if (line.startsWith(END)) {
                in = false;
            } else if (in && line.startsWith("| `")) {
                String[] cells = line.substring(1).split("\\|");
                Row r = new Row(cells);
                t.rows.put(r.metric, r);
            }
        }
        return t;
    }

    /**
     * @param scrape a Prometheus text scrape
     * @return one line per way the scrape departs from a row; empty when it follows every row
     */
    List<String> violations(String scrape) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                types.put(p[2], p.length > 3 ? p[3] : "");
            }
        }
        List<String> out = new ArrayList<>();
        for (Row r : rows.values()) {
            String what = r.metric + " (" + r.prometheus + ")";
            String type = types.containsKey(r.prometheus) ? types.get(r.prometheus) : types.get(r.family());
            if (type == null) {
                out.add(what + ": no TYPE line in the scrape");
                continue;
            }
            if (!type.equals(r.expectedType())) {
                out.add(what + ": TYPE " + type + ", the table says " + r.instrument);
            }
            String word = r.unit.equals("s") ? "_seconds" : r.unit.equals("By") ? "_bytes" : null;
            if (word != null && !r.family().endsWith(word)) {
                out.add(what + ": unit " + r.unit + " is not in the name");
            }
            checkSamples(r, scrape, what, out);
        }
        return out;
    }

    private static void checkSamples(Row r, String scrape, String what, List<String> out) {
        String f = r.family();
        Set<String> own = r.instrument.equals("histogram")
                ? Set.of(f + "_bucket", f + "_sum", f + "_count")
                : r.instrument.equals("counter") ? Set.of(f + "_total") : Set.of(f);
        Map<Map<String, String>, Set<Double>> buckets = new LinkedHashMap<>();
        int samples = 0;
        for (String line : scrape.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches() || !own.contains(m.group(1))) {
                continue;
            }
            samples++;
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            // The cardinality budget's overflow series carries only otel_metric_overflow="true", by design.
            if (!"true".equals(labels.get("otel_metric_overflow"))) {
                for (String key : r.required) {
                    if (!labels.containsKey(key.replace('.', '_'))) {
                        out.add(what + ": series lacks required attribute " + key + ": " + line);
                    }
                }
            }
            String le = labels.remove("le");
            if (m.group(1).endsWith("_bucket") && le != null && !le.equals("+Inf")) {
                buckets.computeIfAbsent(labels, k -> new TreeSet<>()).add(Double.valueOf(le));
            }
        }
        if (samples == 0) {
            out.add(what + ": no series in the scrape");
        }
        if (r.instrument.equals("histogram")) {
            if (buckets.isEmpty()) {
                out.add(what + ": no _bucket series");
            }
            buckets.forEach((labels, le) -> {
                if (!le.equals(r.buckets)) {
                    out.add(what + labels + ": buckets " + le + ", the table says " + r.buckets);
                }
            });
        }
    }

    private static String unquote(String cell) {
        String c = cell.trim();
        return c.startsWith("`") && c.endsWith("`") ? c.substring(1, c.length() - 1) : c;
    }

    @Override
    public String toString() {
        return "ConventionsTable" + Arrays.toString(rows.keySet().toArray());
    }
}
