package dev.vigil.internal.operations;

import dev.vigil.conventions.MetricConvention;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which Prometheus metric families a service emits, from what it has emitted so far: the families of its own
 * scrape, plus the names its meters were registered under (a service without a scrape still has those), plus
 * the installed backends (whose drop counters exist only after a first drop). Alerts are generated only for
 * families found here, so the rules match what the code really emits.
 */
public final class EmittedSeries {
    private static final String[] SUFFIXES = {"_total", "_bucket", "_count", "_sum", "_created"};

    private final Set<String> families;
    private final Set<String> backends;
    private final boolean serviceLabel;

    private EmittedSeries(Set<String> families, Set<String> backends, boolean serviceLabel) {
        this.families = Set.copyOf(families);
        this.backends = Set.copyOf(backends);
        this.serviceLabel = serviceLabel;
    }

    /**
     * @param scrape a Prometheus text scrape of the service, or null when it has none
     * @param meterNames the dotted names of the meters registered so far
     * @param backendNames the installed backends' names
     * @param serviceName the service name, to find whether the series carry a {@code service} label
     * @return what the service emits
     */
    public static EmittedSeries of(String scrape, Collection<String> meterNames, Collection<String> backendNames,
                                   String serviceName) {
        Set<String> families = new HashSet<>();
        boolean serviceLabel = false;
        if (scrape != null) {
            String label = "service=" + Text.promqlString(serviceName);
            for (String line : scrape.split("\n")) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                String sample = line.substring(0, end);
                families.add(sample);
                for (String suffix : SUFFIXES) {
                    if (sample.endsWith(suffix)) {
                        families.add(sample.substring(0, sample.length() - suffix.length()));
                    }
                }
                serviceLabel |= line.contains("{" + label) || line.contains("," + label);
            }
        }
        for (String name : meterNames) {
            MetricConvention c = dev.vigil.conventions.Conventions.find(name);
            families.add(c != null ? c.prometheusName() : Text.prometheusName(name));
        }
        return new EmittedSeries(families, new HashSet<>(backendNames), serviceLabel);
    }

    /**
     * @param family a family name without {@code _total}, {@code _bucket}, {@code _count} or {@code _sum}
     * @return whether the service emits it
     */
    public boolean has(String family) {
        return families.contains(family);
    }

    /** @return whether a backend of this name is installed */
    public boolean hasBackend(String name) {
        return backends.contains(name);
    }

    /** @return whether the series carry the {@code service} label, so that rules may select on it */
    public boolean hasServiceLabel() {
        return serviceLabel;
    }
}
