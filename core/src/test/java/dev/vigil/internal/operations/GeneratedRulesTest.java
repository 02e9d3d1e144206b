package dev.vigil.internal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ConfigSource;
import dev.vigil.Slo;
import dev.vigil.Vigil;
import dev.vigil.VigilConfigAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generator's choices, on the text it writes (the tools' verdict on real scrapes is in vigil-metrics-micrometer's
 * {@code OperationsRulesTest}): which alerts, which selectors, the Apdex interpolation, quoting.
 */
class GeneratedRulesTest {
    private Vigil vigil;

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    private static GeneratedRules generate(String scrape, List<String> backends, List<Slo> slos, String... config) {
        return GeneratedRules.generate(OperationsSettings.of(VigilConfigAccess.config("shop", config)),
                EmittedSeries.of(scrape, List.of(), backends, "shop"), slos);
    }

    private List<Slo> slo(String route) {
        vigil = Vigil.builder().discoverBackends(false).configSource(ConfigSource.of(Map.of())).serviceName("shop").build();
        vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30)).onHttpRoute(route);
        return vigil.operations().slos();
    }

    @Test
    void withNothingEmittedOnlyTheAlertsThatAlwaysApplyAndTheInstalledBackendsDropsAreGenerated() {
        assertThat(generate(null, List.of("micrometer"), List.of()).alertNames())
                .containsExactly("ServiceDown", "JvmHeapHigh", "ProcessCpuHigh", "DiskSpaceLow");
        // A drop counter exists only after the first drop: the backend being installed is enough.
        assertThat(generate(null, List.of("otel", "sentry", "logging-json"), List.of()).alertNames())
                .contains("LogLinesDropped", "TelemetryDropped", "ErrorReportsDropped");
    }

    @Test
    void selectorsNameTheServiceOnlyWhenItsSeriesCarryTheServiceLabel() {
        String withLabel = "http_server_request_duration_seconds_count{service=\"shop\",http_route=\"/a\"} 1\n";
        String without = "http_server_request_duration_seconds_count{http_route=\"/a\"} 1\n";

        assertThat(generate(withLabel, List.of(), List.of()).prometheusRules())
                .contains("rate(http_server_request_duration_seconds_count{service=\"shop\", error_type!=\"\"}[5m])");
        assertThat(generate(without, List.of(), List.of()).prometheusRules())
                .contains("rate(http_server_request_duration_seconds_count{error_type!=\"\"}[5m])")
                .doesNotContain("service=\"shop\"");
    }

    @Test
    void apdexInterpolatesFourTWhenItIsNoBucketBoundary() {
        String http = "http_server_request_duration_seconds_count{http_route=\"/a\"} 1\n";
        // T = 0.5 s: 4T = 2 s lies between the boundaries 1 and 2.5, two thirds of the way from 1.
        assertThat(generate(http, List.of(), List.of()).prometheusRules())
                .contains("le=~\"0[.]5\"", "le=~\"1|1[.]0\"", "le=~\"2[.]5\"", ") * 0.6666666666666666)", "apdex_t: '0.5'");
        // T = 0.25 s: 4T = 1 s is a boundary, counted exactly.
        assertThat(generate(http, List.of(), List.of(), "vigil.operations.apdex-t-ms", "250").prometheusRules())
                .contains("le=~\"0[.]25\"", "le=~\"1|1[.]0\"", "apdex_t: '0.25'").doesNotContain("2[.]5");
    }

    @Test
    void sloRulesRecordEveryWindowTheObjectiveAndTheBudgetAndAlertOnFourBurnRates() {
        String rules = generate(null, List.of(), slo("/checkout")).prometheusRules();
        for (String w : new String[] {"5m", "30m", "1h", "2h", "6h", "1d", "3d"}) {
            assertThat(rules).contains("record: 'slo:sli_error:ratio_rate" + w + "'\n        expr: '(sum(rate("
                    + "http_server_request_duration_seconds_count{http_route=\"/checkout\", error_type!=\"\"}[" + w + "]))"
                    + " or vector(0)) / sum(rate(http_server_request_duration_seconds_count{http_route=\"/checkout\"}["
                    + w + "]))'");
        }
        assertThat(rules).contains("record: 'slo:objective:ratio'\n        expr: 'vector(0.999)'",
                "record: 'slo:error_budget_remaining:ratio'\n        expr: '1 - slo:sli_error:ratio_window{slo=\"checkout-availability\","
                        + " service=\"shop\"} / 0.001'",
                "window: '30d'",
                "alert: 'SloErrorBudgetBurn1h'\n        expr: 'slo:sli_error:ratio_rate1h{slo=\"checkout-availability\", service=\"shop\"}"
                        + " > 0.0144 and slo:sli_error:ratio_rate5m{slo=\"checkout-availability\", service=\"shop\"} > 0.0144'\n"
                        + "        for: 2m\n        labels:\n          severity: 'critical'",
                "> 0.006 and slo:sli_error:ratio_rate30m", "> 0.003 and slo:sli_error:ratio_rate2h",
                "alert: 'SloErrorBudgetBurn3d'\n        expr: 'slo:sli_error:ratio_rate3d{slo=\"checkout-availability\", service=\"shop\"}"
                        + " > 0.001 and slo:sli_error:ratio_rate6h{slo=\"checkout-availability\", service=\"shop\"} > 0.001'\n"
                        + "        for: 3h\n        labels:\n          severity: 'warning'");
    }

    @Test
    void aRouteWithQuotesCannotBreakOutOfItsStrings() {
        String rules = generate(null, List.of(), slo("/it's \"{{x}}\"")).prometheusRules();
        // YAML doubles the single quote; PromQL escapes the double quotes; the annotation cannot open a template.
        assertThat(rules).contains("http_route=\"/it''s \\\"{{x}}\\\"\"", "HTTP route /it''s \"{ {x} }\" over 30d");
    }
}
