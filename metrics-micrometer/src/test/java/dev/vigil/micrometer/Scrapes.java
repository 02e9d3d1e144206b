package dev.vigil.micrometer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads a Prometheus text scrape the way a test wants to assert on it. */
final class Scrapes {
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private Scrapes() {
    }

    /** @return the sample lines (no HELP or TYPE) whose series starts with {@code prefix} */
    static List<String> lines(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    /** @return the {@code le} values of the bucket lines of {@code bucketSeries} that contain {@code labels} */
    static List<String> buckets(String scrape, String bucketSeries, String labels) {
        return lines(scrape, bucketSeries + "{").stream()
                .filter(l -> l.contains(labels))
                .map(l -> {
                    Matcher m = LE.matcher(l);
                    return m.find() ? m.group(1) : "?";
                })
                .collect(Collectors.toList());
    }
}
