package dev.vigil.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One metric family of a Prometheus text scrape: its name, TYPE, HELP and sample lines. */
final class ScrapeFamily {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    final String name;
    String type = "untyped";
    String help;
    final List<Sample> samples = new ArrayList<>();

    private ScrapeFamily(String name) {
        this.name = name;
    }

    /** One sample line: its series name and labels. */
    static final class Sample {
        final String series;
        final Map<String, String> labels;
        final String line;

        Sample(String series, Map<String, String> labels, String line) {
            this.series = series;
            this.labels = labels;
            this.line = line;
        }
    }

    /** Parses the Prometheus text format (0.0.4) or OpenMetrics text into families, in scrape order. */
    static Map<String, ScrapeFamily> parse(String scrape) {
        Map<String, ScrapeFamily> families = new LinkedHashMap<>();
        ScrapeFamily current = null;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ") || line.startsWith("# HELP ")) {
                String[] parts = line.split(" ", 4);
                String name = parts[2];
                current = families.computeIfAbsent(name, ScrapeFamily::new);
                if (line.startsWith("# TYPE ")) {
                    current.type = parts.length > 3 ? parts[3].trim() : "";
                } else {
                    current.help = parts.length > 3 ? parts[3] : "";
                }
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                String series = m.group(1);
                ScrapeFamily owner = current != null && series.startsWith(current.name) ? current
                        : families.computeIfAbsent(series, ScrapeFamily::new);
                owner.samples.add(new Sample(series, labels, line));
            }
        }
        return families;
    }
}
