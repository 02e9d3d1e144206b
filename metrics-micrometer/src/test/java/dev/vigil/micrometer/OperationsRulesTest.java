package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.ConfigSource;
import dev.vigil.Vigil;
import dev.vigil.testing.Amtool;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated operations files of a real service (Micrometer's Prometheus registry, real HTTP on loopback), checked
 * by the real tools: {@code promtool check rules}, {@code promtool test rules} on the generated unit tests (every
 * alert fires on broken series and stays silent on healthy ones) and {@code amtool check-config}.
 */
class OperationsRulesTest {
    private static final Set<String> ALWAYS = Set.of("ServiceDown", "JvmHeapHigh", "ProcessCpuHigh", "DiskSpaceLow");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_:]*)\\{");

    @TempDir
    Path dir;

    @Test
    void aServiceUsingEveryDomainGetsEveryAlertAndTheToolsAcceptAndProveThem() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        AtomicInteger depth = new AtomicInteger(3);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).configSource(ConfigSource.of(Map.of()))
                .serviceName("shop").metrics(metrics).build()) {
            vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30)).onHttpRoute("/checkout");
            vigil.slo("checkout-latency").latency(0.95, Duration.ofMillis(500)).over(Duration.ofDays(30))
                    .onHttpRoute("/checkout");
            vigil.slo("render-availability").availability(99.5).over(Duration.ofDays(28)).onTimer("invoice.render");
            serveAndCall(vigil);
            vigil.kpi("invoice.render").time(() -> "pdf");
            vigil.kpi("db.client.operation.duration").tag("db.system.name", "postgresql").time(() -> 1);
            vigil.db().pool("main").used(() -> 2).idle(() -> 3).max(10);
            ExecutorService pool = vigil.tasks().executor("emails", Executors.newSingleThreadExecutor());
            pool.submit(() -> "sent").get(10, TimeUnit.SECONDS);
            pool.shutdown();
            vigil.cache("users").hit();
            vigil.cache("users").miss();
            vigil.auth().attempt("password").success();
            vigil.auth().attempt("password").failure("bad_password");
            vigil.messaging().queueDepth("orders", depth::get);
            vigil.messaging().consumerLag("orders", "billing", () -> 42);
            // GenAI and the adapters' drop counters, under the names their modules record.
            vigil.kpi("gen_ai.client.operation.duration").tag("gen_ai.provider.name", "openai").time(() -> "answer");
            vigil.kpi("gen_ai.budget.used_ratio").gauge(depth, d -> 0.25);
            vigil.kpi("vigil.logging.dropped").tag("level", "WARN").increment();
            vigil.kpi("vigil.dropped").tag("backend", "otel").tag("reason", "queue_full").increment();
            vigil.kpi("vigil.errors.dropped").tag("reason", "queue_full").increment();

            vigil.operations().writeTo(dir);

            assertThat(vigil.operations().alertNames()).containsExactlyInAnyOrder("ServiceDown", "JvmHeapHigh",
                    "ProcessCpuHigh", "DiskSpaceLow", "LogLinesDropped", "TelemetryDropped", "ErrorReportsDropped",
                    "HttpHighErrorRatio", "HttpLatencyP95High", "DbHighErrorRatio", "DbPoolSaturated",
                    "GenAiHighErrorRatio", "GenAiBudgetSpent", "TaskHighFailureRatio", "TaskQueueBacklog",
                    "MessagingQueueBacklog", "ConsumerLagHigh", "AuthFailureSpike", "CacheHitRatioCollapse",
                    "SloErrorBudgetBurn1h", "SloErrorBudgetBurn6h", "SloErrorBudgetBurn1d", "SloErrorBudgetBurn3d");
            String rules = Files.readString(dir.resolve("prometheus-rules.yml"));
            assertEverySelectedFamilyIsInTheScrape(rules, ((PrometheusMeterRegistry) metrics.registry()).scrape());
            assertThat(rules).contains("http_route=\"/checkout\"", "invoice_render_seconds_count",
                    "record: 'slo:error_budget_remaining:ratio'", "record: 'http_route:apdex:ratio_rate5m'");
        }
        assertToolsAccept(dir);
        // The generated tests cover every alert: each alert's name appears in a test that expects it to fire.
        String tests = Files.readString(dir.resolve("prometheus-rules.test.yml"));
        for (String alert : alertsIn(Files.readString(dir.resolve("prometheus-rules.yml")))) {
            assertThat(tests).as("a firing test of " + alert)
                    .containsPattern("alertname: '" + alert + "'\\n        exp_alerts:\\n          - exp_labels:");
            assertThat(tests).as("a silent test of " + alert).contains("alertname: '" + alert + "'\n        exp_alerts: []");
        }
    }

    @Test
    void aServiceUsingOnlyHttpGetsOnlyTheAlertsThatApply() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).configSource(ConfigSource.of(Map.of()))
                .serviceName("catalog").metrics(metrics).build()) {
            assertThat(vigil.operations().alertNames()).containsExactlyInAnyOrderElementsOf(ALWAYS);

            serveAndCall(vigil);
            vigil.operations().writeTo(dir);

            assertThat(vigil.operations().alertNames()).containsExactlyInAnyOrder("ServiceDown", "JvmHeapHigh",
                    "ProcessCpuHigh", "DiskSpaceLow", "HttpHighErrorRatio", "HttpLatencyP95High");
            String rules = Files.readString(dir.resolve("prometheus-rules.yml"));
            assertThat(rules).doesNotContain("slo:", "db_client", "task_", "cache_", "gen_ai");
            assertEverySelectedFamilyIsInTheScrape(rules, ((PrometheusMeterRegistry) metrics.registry()).scrape());
        }
        assertToolsAccept(dir);
    }

    private static void assertToolsAccept(Path dir) {
        assertThat(Promtool.checkRules(dir.resolve("prometheus-rules.yml"))).contains("SUCCESS");
        assertThat(Promtool.testRules(dir.resolve("prometheus-rules.test.yml"))).contains("SUCCESS");
        Path routing = dir.resolve("alertmanager.yml");
        assertThat(Amtool.checkConfig(routing)).contains("SUCCESS");
        assertThat(Amtool.receiverOf(routing, "alertname=ServiceDown", "severity=critical")).isEqualTo("pager");
        assertThat(Amtool.receiverOf(routing, "alertname=JvmHeapHigh", "severity=warning")).isEqualTo("chat");
        assertThat(Amtool.receiverOf(routing, "alertname=Notice", "severity=info")).isEqualTo("email");
    }

    /** The rules select only families the real scrape holds (besides Prometheus' up and the rules' own records). */
    private static void assertEverySelectedFamilyIsInTheScrape(String rules, String scrape) {
        Set<String> selected = new TreeSet<>();
        for (String line : rules.split("\n")) {
            if (line.trim().startsWith("expr:")) {
                Matcher m = SELECTOR.matcher(line);
                while (m.find()) {
                    selected.add(m.group(1));
                }
            }
        }
        selected.removeIf(name -> name.equals("up") || name.contains(":"));
        assertThat(selected).isNotEmpty();
        for (String family : selected) {
            assertThat(scrape).as("the scrape holds " + family).containsPattern("(?m)^" + family + "\\{");
        }
    }

    private static Set<String> alertsIn(String rules) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("- alert: '([A-Za-z0-9]+)'").matcher(rules);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Real HTTP on loopback: one successful and one failing request to {@code /checkout}. */
    private static void serveAndCall(Vigil vigil) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/checkout", vigil.http().serverHandler("/checkout", exchange -> {
            int status = exchange.getRequestURI().getQuery() == null ? 200 : 500;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }));
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String query : new String[] {"", "?fail=1"}) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.getAddress().getPort() + "/checkout" + query)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).isIn(200, 500);
            }
        } finally {
            server.stop(0);
        }
    }
}
