package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.DashboardRows.Panel;
import dev.vigil.DashboardRows.Query;
import dev.vigil.DashboardRows.Row;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {
    static final Set<String> EVERY_DOMAIN = Set.of("http", "db", "tasks", "messaging", "cache", "auth", "genai");

    @Test
    void aRowPerDomainInUseAndTheJvmAlways() {
        assertThat(DashboardRows.rows(Set.of("http")).stream().map(Row::title))
                .containsExactly("HTTP server (rate, errors, duration)", "JVM and host");
        assertThat(DashboardRows.rows(EVERY_DOMAIN).stream().map(Row::title)).containsExactly(
                "HTTP server (rate, errors, duration)", "Database", "Tasks and queues", "Cache", "Authentication",
                "GenAI tokens and cost", "JVM and host");
        String json = GrafanaDashboard.json("shop", Set.of("cache"), List.of());
        assertThat(json).contains("\"title\": \"Cache\"", "cache_requests_total{service=~\\\"$service\\\"")
                .doesNotContain("http_server_request_duration_seconds", "\"title\": \"Database\"");
    }

    @Test
    void everyPanelHasADescriptionAUnitAndFilteredQueriesAndHistogramsShowExemplars() {
        for (Row row : DashboardRows.rows(EVERY_DOMAIN)) {
            assertThat(row.panels()).isNotEmpty();
            for (Panel p : row.panels()) {
                assertThat(p.description()).as(p.title()).isNotBlank();
                assertThat(p.unit()).as(p.title())
                        .isIn("s", "reqps", "ops", "percentunit", "short", "currencyUSD", "bytes");
                assertThat(p.queries()).as(p.title()).isNotEmpty();
                for (Query q : p.queries()) {
                    assertThat(q.expr()).as(p.title()).contains(DashboardRows.SELECTOR);
                    assertThat(p.exemplars()).as(p.title() + " shows exemplars exactly when it reads buckets")
                            .isEqualTo(q.expr().contains("_bucket{"));
                }
            }
        }
    }

    @Test
    void theJsonHasTheVariablesTheDeploymentAnnotationAndAPanelObjectPerPanel() {
        String json = GrafanaDashboard.json("Shop Service", EVERY_DOMAIN, List.of());
        assertThat(json).contains("\"uid\": \"vigil-shop-service\"", "\"title\": \"Vigil: Shop Service\"");
        assertThat(json).contains("\"type\": \"datasource\",\n", "\"query\": \"prometheus\"",
                "\"definition\": \"label_values(vigil_service_version, service)\"",
                "\"definition\": \"label_values(vigil_service_version{service=~\\\"$service\\\"}, env)\"");
        assertThat(json).contains("\"expr\": \"group by (service, service_version) (vigil_service_version{"
                + "service=~\\\"$service\\\",env=~\\\"$env\\\"}) unless group by (service, service_version)"
                + " (vigil_service_version{service=~\\\"$service\\\",env=~\\\"$env\\\"} offset 2m)\"",
                "\"titleFormat\": \"Deployed {{service_version}}\"");
        long panels = DashboardRows.rows(EVERY_DOMAIN).stream().mapToLong(r -> r.panels().size()).sum();
        assertThat(count(json, "\"type\": \"timeseries\"")).isEqualTo(panels);
        assertThat(count(json, "\"unit\": ")).isEqualTo(panels);
        assertThat(count(json, "\"exemplar\": true")).isEqualTo(DashboardRows.rows(EVERY_DOMAIN).stream()
                .flatMap(r -> r.panels().stream()).filter(Panel::exemplars).mapToLong(p -> p.queries().size()).sum());
        // every panel, variable and annotation reads the data source chosen in the variable
        assertThat(count(json, "\"uid\": \"${datasource}\"")).isEqualTo(count(json, "\"legendFormat\": ")
                + panels + 2 /* variables */ + 1 /* annotation */);
        assertThat(json).isEqualTo(GrafanaDashboard.json("Shop Service", EVERY_DOMAIN, List.of()));
    }

    @Test
    void panelsAreLaidOutThreeToALineUnderTheirRow() {
        String json = GrafanaDashboard.json("shop", Set.of("http"), List.of());
        Matcher m = Pattern.compile("\"gridPos\": \\{\\s*\"h\": (\\d+),\\s*\"w\": (\\d+),\\s*\"x\": (\\d+),\\s*"
                + "\"y\": (\\d+)").matcher(json);
        StringBuilder layout = new StringBuilder();
        while (m.find()) {
            layout.append(m.group(3)).append(',').append(m.group(4)).append(' ');
        }
        // row at y 0; five HTTP panels: three on line 1, two on line 9; the JVM row at 17, its panels below
        assertThat(layout.toString()).startsWith("0,0 0,1 8,1 16,1 0,9 8,9 0,17 0,18 8,18 16,18 0,26 8,26 ");
    }

    @Test
    void theSloRowReadsTheSloRecordingRulesOfEachSlo() {
        assertThat(SloDashboardRow.rows(List.of())).isEmpty();
        Slo slo = Vigil.noop().slo("checkout-availability").availability(99.9)
                .over(java.time.Duration.ofDays(30)).onHttpRoute("/checkout");
        List<Row> rows = SloDashboardRow.rows(List.of(slo));
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.title()).isEqualTo("SLO budget"));
        assertThat(rows.get(0).panels()).extracting(Panel::title).containsExactly(
                "checkout-availability: error budget remaining", "checkout-availability: error ratio");
        assertThat(rows.get(0).panels().get(1).queries()).extracting(Query::expr).containsExactly(
                "slo:sli_error:ratio_rate5m{slo=\"checkout-availability\",service=~\"$service\"}",
                "slo:sli_error:ratio_rate1h{slo=\"checkout-availability\",service=~\"$service\"}",
                "1 - slo:objective:ratio{slo=\"checkout-availability\",service=~\"$service\"}");
        assertThat(GrafanaDashboard.json("shop", Set.of(), rows)).contains("\"title\": \"SLO budget\"");
    }

    @Test
    void theDomainsInUseComeFromWhatTheServiceEmits() {
        String scrape = "http_server_request_duration_seconds_count{service=\"shop\"} 3\n"
                + "cache_requests_total{cache_name=\"words\"} 1.0\n# HELP x y\n";
        assertThat(SloDashboardRow.domains(dev.vigil.internal.operations.EmittedSeries.of(scrape,
                List.of("task.duration"), List.of("micrometer"), "shop"))).containsExactly("http", "tasks", "cache");
        assertThat(SloDashboardRow.domains(dev.vigil.internal.operations.EmittedSeries.of(null, List.of(),
                List.of(), "shop"))).isEmpty();
    }

    private static long count(String s, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(s).results().count();
    }
}
