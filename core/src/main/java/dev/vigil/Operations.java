package dev.vigil;

import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.operations.EmittedSeries;
import dev.vigil.internal.operations.GeneratedRules;
import dev.vigil.internal.operations.OperationsSettings;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.ScrapeSource;
import dev.vigil.spi.VigilBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What operating the service needs, generated from what it really emits: Prometheus rules (SLO recording rules and
 * burn-rate alerts, Apdex, standard alerts for the conventions in use), their {@code promtool} unit tests, an
 * example Alertmanager routing and a Grafana dashboard. The same files are served by the management server under
 * {@code /operations/}.
 *
 * <pre>{@code
 * vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30)).onHttpRoute("/checkout");
 * // ... after warm-up, when every route, pool, queue and cache has been used once:
 * vigil.operations().writeTo(Path.of("target/vigil"));
 * }</pre>
 *
 * <p>The standard alerts cover the metric families the service has emitted so far (its scrape, the meters
 * registered, the backends installed), so a file written at start-up, before the first request, holds only the
 * alerts that always apply: {@code ServiceDown}, heap, CPU and disk. Call {@link #writeTo(Path)} after warm-up, or
 * read {@code /operations/prometheus-rules.yml}, which reflects the moment of the request.
 */
public final class Operations {
    /** The Prometheus rules. */
    static final String PROMETHEUS_RULES = "prometheus-rules.yml";
    /** The {@code promtool test rules} file proving every alert of {@link #PROMETHEUS_RULES}. */
    static final String PROMETHEUS_RULES_TEST = "prometheus-rules.test.yml";
    /** The example Alertmanager routing. */
    static final String ALERTMANAGER = "alertmanager.yml";
    /** The Grafana dashboard. */
    static final String GRAFANA_DASHBOARD = "grafana-dashboard.json";

    private final Vigil vigil;
    private final OperationsSettings settings;
    /** Guarded by itself. */
    private final Map<String, Slo> slos = new LinkedHashMap<>();

    Operations(Vigil vigil, OperationsSettings settings) {
        this.vigil = vigil;
        this.settings = settings;
    }

    /** Adds an SLO; the same definition again is the same SLO, another one under a taken name is refused. */
    Slo define(Slo slo) {
        synchronized (slos) {
            Slo known = slos.get(slo.name());
            if (known != null && !known.equals(slo)) {
                throw new IllegalArgumentException("SLO '" + slo.name() + "' is already defined differently ("
                        + known + "); give the new one another name");
            }
            if (known == null) {
                slos.put(slo.name(), slo);
            }
            return slo;
        }
    }

    /** @return the SLOs defined so far, in definition order */
    public List<Slo> slos() {
        synchronized (slos) {
            return List.copyOf(slos.values());
        }
    }

    /**
     * Writes {@code prometheus-rules.yml}, {@code prometheus-rules.test.yml}, {@code alertmanager.yml} and
     * {@code grafana-dashboard.json} into a
     * directory, creating it when needed and replacing the files. Run
     * {@code promtool test rules prometheus-rules.test.yml} there to prove the rules.
     *
     * @param directory where to write, for example {@code Path.of("target/vigil")}
     * @throws UncheckedIOException when a file cannot be written
     */
    public void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> f : files().entrySet()) {
                Files.writeString(directory.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Vigil could not write its operations files to " + directory, e);
        }
    }

    /** @return {@code prometheus-rules.yml} for what the service emits now */
    public String prometheusRules() {
        return rules().prometheusRules();
    }

    /** @return {@code alertmanager.yml}, the example routing */
    public String alertmanagerConfig() {
        return rules().alertmanager();
    }

    /**
     * A Grafana dashboard for what the service emits now: a row per domain in use, JVM, and the SLOs' budgets; the
     * variables {@code datasource}, {@code service} and {@code env}; exemplars on histogram panels; deployment markers
     * from {@code vigil_service_version}. See {@code docs/operations.md}.
     *
     * @return {@code grafana-dashboard.json}
     */
    public String grafanaDashboard() {
        return GrafanaDashboard.json(settings.serviceName(), SloDashboardRow.domains(emitted()),
                SloDashboardRow.rows(slos()));
    }

    /** @return the names of the alerts {@link #prometheusRules()} holds now, each once */
    public List<String> alertNames() {
        return rules().alertNames();
    }

    /**
     * The generated files from one snapshot, by file name: what {@link #writeTo(Path)} writes and the management
     * server serves under {@code /operations/}. A further generator adds its file here.
     */
    Map<String, String> files() {
        GeneratedRules rules = rules();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PROMETHEUS_RULES, rules.prometheusRules());
        files.put(PROMETHEUS_RULES_TEST, rules.prometheusRulesTest());
        files.put(ALERTMANAGER, rules.alertmanager());
        files.put(GRAFANA_DASHBOARD, grafanaDashboard());
        return files;
    }

    /** @return one generated file's bytes, or null when there is no file of that name */
    byte[] file(String name) {
        String content = files().get(name);
        return content == null ? null : content.getBytes(StandardCharsets.UTF_8);
    }

    private GeneratedRules rules() {
        return GeneratedRules.generate(settings, emitted(), slos());
    }

    /** What the service emits now: its scrape, its registered meters, its backends. */
    EmittedSeries emitted() {
        List<String> backendNames = vigil.backendNames();
        String scrape = null;
        for (VigilBackend b : vigil.parts().backends()) {
            ScrapeSource source = b instanceof MetricsBackend ? ((MetricsBackend) b).scrapeSource() : null;
            if (source != null) {
                scrape = scrape(source);
                break;
            }
        }
        Set<String> meters = vigil.parts().meterNames();
        return EmittedSeries.of(scrape, meters == null ? Collections.emptySet() : new ArrayList<>(meters),
                backendNames, settings.serviceName());
    }

    private static String scrape(ScrapeSource source) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            source.scrape("text/plain; version=0.0.4", out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException | LinkageError e) {
            // Without the scrape the registered meter names still say most of what is emitted.
            ApiWarnings.warn("operations", "Vigil could not read its scrape to generate rules: " + e.getClass().getName());
            return null;
        }
    }
}
