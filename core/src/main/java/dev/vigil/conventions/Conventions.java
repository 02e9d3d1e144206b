package dev.vigil.conventions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every metric convention Vigil emits, in the order {@code docs/conventions.md} lists them. Each domain keeps its
 * definitions in a class of its own ({@code HttpConventions}, {@code DbConventions}, ...) and is listed here once.
 */
public final class Conventions {
    private static final List<MetricConvention> ALL = collect();

    private Conventions() {
    }

    /** @return every metric convention, unmodifiable */
    public static List<MetricConvention> all() {
        return ALL;
    }

    /**
     * @param name a dotted metric name
     * @return its convention, or null when Vigil defines none of that name
     */
    public static MetricConvention find(String name) {
        for (MetricConvention m : ALL) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static List<MetricConvention> collect() {
        List<MetricConvention> all = new ArrayList<>();
        // One line per domain: each domain's class lists its own definitions.
        all.addAll(VigilConventions.all());
        all.addAll(ServiceConventions.all());
        all.addAll(HttpConventions.all());
        all.addAll(TaskConventions.all());
        all.addAll(CacheConventions.all());
        all.addAll(AuthConventions.all());
        all.addAll(StorageConventions.all());
        all.addAll(DbConventions.all());
        all.addAll(MessagingConventions.all());
        all.addAll(GenAiConventions.all());
        return Collections.unmodifiableList(all);
    }
}
