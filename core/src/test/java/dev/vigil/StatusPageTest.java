package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.internal.HealthSettings;
import dev.vigil.internal.StatusSection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status page at {@code GET /} of the management port, over real HTTP. */
class StatusPageTest {
    private static final String TOKEN = "page-token-0123456789";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Vigil vigil;

    @AfterEach
    void stop() {
        if (vigil != null) {
            vigil.close();
        }
    }

    private Vigil start(Map<String, String> keys) {
        return Vigil.builder().configSource(ConfigSource.of(keys)).discoverBackends(false).managementPort(0)
                .serviceName("shop <&> \"quoted\"").property(VigilConfig.MANAGEMENT_HOST, "127.0.0.1").build();
    }

    private HttpResponse<String> page(String target, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + target))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void showsChecksRoutesAndSectionsWithEveryValueEscaped() throws Exception {
        vigil = start(Map.of());
        vigil.health().register("payments <gw>", () -> HealthResult.degraded("<script>alert(1)</script> & co"));
        for (int i = 0; i < 10; i++) {
            vigil.http().serverObservation("GET", "http", "/orders/{id}", Map.<String, String>of(), dev.vigil.propagation.MapPropagation.getter())
                    .end(i < 2 ? 500 : 200, null, -1, -1);
        }
        vigil.http().serverObservation("GET", "http", "/x\"><img src=x>", Map.<String, String>of(), dev.vigil.propagation.MapPropagation.getter()).end(200, null, -1, -1);
        vigil.parts().healthModel().section(section("SLO error budget", List.of(List.of("checkout-availability", "73.2%"))));
        vigil.parts().healthModel().section(section("GenAI cost today", List.of()));

        HttpResponse<String> r = page("/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; style-src 'unsafe-inline'");
        String html = r.body();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta http-equiv=\"refresh\" content=\"10\">")
                .contains("<h1>shop &lt;&amp;&gt; &quot;quoted&quot;</h1>")
                .contains("Overall: <span class=\"s degraded big\">degraded</span>")
                .contains("<td>payments &lt;gw&gt;</td><td><span class=\"s degraded\">degraded</span></td>"
                        + "<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</td>")
                .doesNotContain("<script>").doesNotContain("<img")
                .contains("<td>/x&quot;&gt;&lt;img src=x&gt;</td>")
                .contains("<tr><td>/orders/{id}</td><td class=\"n\">10</td><td class=\"n\">0.03</td><td class=\"n\">20.0%</td>")
                .contains("<tr><th>all</th><th>11</th>")
                .contains("<h2>SLO error budget</h2><table><tr><th>name</th><th>value</th></tr>"
                        + "<tr><td>checkout-availability</td><td>73.2%</td></tr></table>")
                .doesNotContain("GenAI cost today")
                .containsPattern("Uptime: <b id=\"uptime\">0 min \\d+ s</b>")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("src=\"");
    }

    @Test
    void withATokenTheHeaderShowsAllAndWithoutItOnlyTheStatus() throws Exception {
        vigil = start(Map.of(VigilConfig.MANAGEMENT_TOKEN, TOKEN));
        vigil.health().register("db", () -> HealthResult.unhealthy("replica db-7.internal down"));
        HttpResponse<String> anonymous = page("/", null);
        assertThat(anonymous.statusCode()).isEqualTo(503);
        assertThat(anonymous.body()).contains("Overall: <span class=\"s unhealthy big\">unhealthy</span>")
                .contains("Details need the management token").doesNotContain("db-7").doesNotContain("Checks");
        assertThat(page("/?token=" + TOKEN, null).body()).as("a query token is refused unless enabled")
                .doesNotContain("db-7");
        HttpResponse<String> full = page("/", "Bearer " + TOKEN);
        assertThat(full.body()).contains("replica db-7.internal down").contains("<h2>Checks</h2>");
    }

    @Test
    void aQueryTokenIsAcceptedOnlyWhenEnabled() throws Exception {
        vigil = start(Map.of(VigilConfig.MANAGEMENT_TOKEN, TOKEN, HealthSettings.PAGE_QUERY_TOKEN, "true"));
        vigil.health().register("db", () -> HealthResult.degraded("replica lag"));
        HttpResponse<String> r = page("/?refresh=1&token=" + TOKEN, null);
        assertThat(r.body()).contains("replica lag");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page("/?token=wrong", null).body()).doesNotContain("replica lag");
    }

    private static StatusSection section(String title, List<List<String>> rows) {
        return new StatusSection() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public List<String> columns() {
                return List.of("name", "value");
            }

            @Override
            public List<List<String>> rows() {
                return rows;
            }
        };
    }

    @Test
    void slosAndTodaysGenAiCostHaveTheirTables() throws Exception {
        vigil = Vigil.builder().configSource(ConfigSource.of(Map.of(VigilConfig.GENAI_DAILY_BUDGET_USD, "0.01")))
                .discoverBackends(false).managementPort(0).serviceName("shop")
                .property(VigilConfig.MANAGEMENT_HOST, "127.0.0.1")
                .genAiPrice("openai", "gpt-4o-mini", 0.15, 0.60, 0.075).build();
        HttpResponse<String> before = page("/", null);
        assertThat(before.body()).as("no SLO: no table").doesNotContain("SLOs")
                .as("a budget is set: the GenAI table shows, empty").contains("<tr><td>$0.0000</td><td>$0.0100</td><td>0%</td></tr>");

        vigil.slo("orders-availability").availability(99).over(java.time.Duration.ofDays(30)).onHttpRoute("/orders/{id}");
        vigil.slo("orders-latency").latency(0.95, java.time.Duration.ofMillis(250)).over(java.time.Duration.ofDays(28))
                .onHttpRoute("/orders/{id}");
        vigil.slo("search-availability").availability(99.9).over(java.time.Duration.ofDays(30)).onHttpRoute("/search");
        vigil.slo("render").availability(99.5).over(java.time.Duration.ofDays(30)).onTimer("invoice.render");
        for (int i = 0; i < 200; i++) {
            vigil.http().serverObservation("GET", "http", "/orders/{id}", Map.<String, String>of(),
                    dev.vigil.propagation.MapPropagation.getter()).end(i == 0 ? 503 : 200, null, -1, -1);
        }
        try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
            call.usage(1200, 350);
        }

        String html = page("/", null).body();
        assertThat(html).contains("<h2>SLOs: error budget at the last 5 minutes&#39; rate</h2>")
                // 1 failure in 200 is 0.5 %: half the 1 % budget, a burn rate of 0.5.
                .contains("<tr><td>orders-availability</td><td>99% succeed</td><td>route /orders/{id}</td><td>30 d</td>"
                        + "<td>0.50x</td><td>50%</td></tr>")
                // Every request took well under 250 ms.
                .contains("<tr><td>orders-latency</td><td>95% within 250 ms</td><td>route /orders/{id}</td><td>28 d</td>"
                        + "<td>0.00x</td><td>100%</td></tr>")
                .contains("<tr><td>search-availability</td><td>99.9% succeed</td><td>route /search</td><td>30 d</td>"
                        + "<td>no requests lately</td><td>-</td></tr>")
                .contains("<tr><td>render</td><td>99.5% succeed</td><td>timer invoice.render</td><td>30 d</td>"
                        + "<td>see Prometheus</td><td>-</td></tr>")
                // 1200 input and 350 output tokens at 0.15 and 0.60 USD per million: 0.00039 USD, 3.9 % of 0.01.
                .contains("<h2>GenAI cost today (UTC)</h2><table><tr><th>spent</th><th>daily budget</th><th>used</th></tr>"
                        + "<tr><td>$0.0004</td><td>$0.0100</td><td>3.9%</td></tr></table>");
    }
}
