package dev.vigil.internal.operations;

import dev.vigil.VigilConfig;
import dev.vigil.conventions.HttpConventions;
import java.util.Arrays;

/**
 * The {@code vigil.operations.*} keys, read and checked once: a wrong value fails {@code build()} naming the key.
 *
 * @param serviceName the service, the {@code service} label of every alert
 * @param scrapeJob the Prometheus job that scrapes the service, for {@code up == 0}
 * @param runbookUrl the runbook link template, with {@code {alert}}
 * @param apdexSeconds Apdex's T: a bucket boundary of {@code http.server.request.duration}
 * @param httpP95TargetSeconds the p95 over which an HTTP route alerts
 */
public record OperationsSettings(String serviceName, String scrapeJob, String runbookUrl, double apdexSeconds,
                                 double httpP95TargetSeconds) {
    /** Key of the runbook link template of every alert; {@code {alert}} becomes the alert's name. */
    public static final String RUNBOOK_URL = "vigil.operations.runbook-url";
    /** Key of Apdex's T in milliseconds; default 500; a bucket boundary of the HTTP server duration, at most 2500. */
    public static final String APDEX_T_MS = "vigil.operations.apdex-t-ms";
    /** Key of the HTTP p95 target in milliseconds over which {@code HttpLatencyP95High} fires; default 500, 10 to 9999. */
    public static final String HTTP_P95_TARGET_MS = "vigil.operations.http-p95-target-ms";
    /** Key of the Prometheus job name that scrapes this service; default the service name. */
    public static final String SCRAPE_JOB = "vigil.operations.scrape-job";
    /** The runbook template when none is set: a placeholder to replace with the team's own runbooks. */
    public static final String DEFAULT_RUNBOOK_URL = "https://runbooks.example.com/vigil/{alert}";

    /**
     * @param config the resolved configuration
     * @return the settings
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static OperationsSettings of(VigilConfig config) {
        String runbook = config.get(RUNBOOK_URL, DEFAULT_RUNBOOK_URL);
        if (!runbook.contains("{alert}") || !(runbook.startsWith("https://") || runbook.startsWith("http://"))
                || runbook.contains("{{") || runbook.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(RUNBOOK_URL + " must be an http(s) URL template holding {alert},"
                    + " without spaces, for example " + DEFAULT_RUNBOOK_URL);
        }
        long apdexMs = config.getLong(APDEX_T_MS, 500, 1, 2_500);
        double apdex = apdexMs / 1000.0;
        double[] buckets = HttpConventions.SERVER_REQUEST_DURATION.buckets();
        if (Arrays.stream(buckets).noneMatch(b -> Math.abs(b - apdex) < 1e-9)) {
            throw new IllegalArgumentException(APDEX_T_MS + "=" + apdexMs + " is not a bucket boundary of"
                    + " http.server.request.duration, so the Apdex rule could not count the satisfied requests;"
                    + " use one of these (seconds) up to 2.5: " + Arrays.toString(buckets));
        }
        long p95Ms = config.getLong(HTTP_P95_TARGET_MS, 500, 10, 9_999);
        String job = config.get(SCRAPE_JOB, config.serviceName());
        if (job.chars().anyMatch(c -> c < ' ')) {
            throw new IllegalArgumentException(SCRAPE_JOB + " must not hold control characters");
        }
        return new OperationsSettings(config.serviceName(), job, runbook, apdex, p95Ms / 1000.0);
    }

    /** @return the runbook link of one alert */
    String runbook(String alert) {
        return runbookUrl.replace("{alert}", alert);
    }
}
