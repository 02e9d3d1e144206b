package dev.vigil.micrometer;

import dev.vigil.spi.ScrapeSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Serves a {@link PrometheusMeterRegistry} at {@code /metrics}: Prometheus text 0.0.4 by default,
 * OpenMetrics 1.0 text when the {@code Accept} header asks for {@code application/openmetrics-text}
 * (as a Prometheus server does by default).
 *
 * <p>The format is chosen here, from the two text formats only, and handed to the registry as an exact
 * content type: given the raw header, the registry would pick its writer itself and could answer protobuf
 * while {@link #contentType} announced text. (OpenMetrics 2, an opt-in of the Prometheus client's own
 * properties, is the one case where the registry still decides; it is off by default.)
 */
final class PrometheusScrape implements ScrapeSource {
    // The writers' own CONTENT_TYPE constants, copied: micrometer-registry-prometheus puts the exposition
    // formats on the runtime class path only, and these strings are fixed by the two specifications.
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    private PrometheusScrape(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param registry any registry
     * @return a scrape of it when it is, or as a composite contains, a Prometheus registry; else null
     */
    static PrometheusScrape of(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry) {
            return new PrometheusScrape((PrometheusMeterRegistry) registry);
        }
        if (registry instanceof CompositeMeterRegistry) {
            // Spring Boot composes its registries when there are several; serve the Prometheus one among them.
            for (MeterRegistry child : ((CompositeMeterRegistry) registry).getRegistries()) {
                PrometheusScrape found = of(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public String contentType(String acceptHeader) {
        return wantsOpenMetrics(acceptHeader) ? OPENMETRICS_TEXT
                : PROMETHEUS_TEXT;
    }

    @Override
    public void scrape(String acceptHeader, OutputStream out) throws IOException {
        registry.scrape(out, contentType(acceptHeader));
    }

    private static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
    }

    @Override
    public String toString() {
        return "PrometheusScrape{" + registry + '}';
    }
}
