package dev.vigil.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.testing.MiniJson;
import dev.vigil.testing.PrometheusServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated operations files proven on a real Prometheus: the quickstart serves traffic, Prometheus scrapes it
 * every second and evaluates the generated rules every second, a 20% error rate is injected, and the HTTP API must
 * show the request rate, a p95, the SLO's error ratio near 0.2 and the high-error-ratio alert pending or firing.
 * Every query of the generated Grafana dashboard must run there too. The series read are written to
 * {@code target/real-prometheus/} and drawn as {@code error-ratio-alert.svg}; with {@code -Dvigil.docs.write=true}
 * the run goes on until the alert fires (its {@code for} is 5 minutes) and updates
 * {@code docs/images/error-ratio-alert.svg}.
 */
class RealPrometheusTest {
    private static final Path OUT = Path.of("target", "real-prometheus");
    private static final String ALERT = "HttpHighErrorRatio";
    private static final String RATIO = "slo:sli_error:ratio_rate5m{slo=\"checkout-availability\"}";
    private static final boolean DOCS = Boolean.getBoolean("vigil.docs.write");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private QuickstartApp app;
    private PrometheusServer prometheus;
    private final AtomicBoolean driving = new AtomicBoolean(true);
    private Thread traffic;

    @AfterEach
    void stop() throws InterruptedException {
        driving.set(false);
        if (traffic != null) {
            traffic.join(5_000);
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (app != null) {
            app.close();
        }
        Vigil.resetGlobalForTest();
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a guard: without docs.write it ends in ~60 s
    void theGeneratedRulesAlertAndTheDashboardQueriesRunOnARealPrometheus() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(DOCS ? 480 : 90).toNanos();
        app = QuickstartApp.start(0, 0);
        Vigil vigil = Vigil.global();
        vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30)).onHttpRoute("/checkout");
        vigil.slo("checkout-latency").latency(0.95, Duration.ofMillis(500)).over(Duration.ofDays(30))
                .onHttpRoute("/checkout");
        // Warm-up: every route once, so that the rules and the dashboard cover what the service emits.
        assertThat(call("POST", "/checkout?plan=pro", app.servicePort()).statusCode()).isEqualTo(200);
        call("POST", "/documents?type=pdf", app.servicePort());
        call("GET", "/storefront", app.servicePort());
        vigil.operations().writeTo(OUT);

        prometheus = PrometheusServer.start("quickstart", List.of("127.0.0.1:" + app.managementPort()),
                List.of(OUT.resolve("prometheus-rules.yml")));
        prometheus.awaitTargetsUp(Duration.ofSeconds(20));
        double t0 = System.currentTimeMillis() / 1000.0;
        traffic = new Thread(this::drive, "quickstart-traffic");
        traffic.start();

        // Healthy traffic first, for a few seconds of a clean baseline.
        String rate = "sum(rate(http_server_request_duration_seconds_count{http_route=\"/checkout\"}[30s]))";
        assertThat(await(rate, v -> v > 0, deadline)).isPositive();
        Thread.sleep(5_000); // the baseline's length on the plot, not a wait for a result
        assertThat(call("POST", "/faults?error_rate=0.2", app.servicePort()).body()).contains("0.2");
        double faultAt = System.currentTimeMillis() / 1000.0 - t0;

        assertThat(awaitAlert("pending", deadline)).isIn("pending", "firing");
        // The 5m window still holds the baseline at first: wait until the injected share dominates it.
        double ratio = await(RATIO, v -> Math.abs(v - 0.2) < 0.03, deadline);
        assertThat(ratio).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.03));
        assertThat(await(rate, v -> v > 0, deadline)).isGreaterThan(5.0);
        double p95 = await("histogram_quantile(0.95, sum by (le) (rate("
                + "http_server_request_duration_seconds_bucket{http_route=\"/checkout\"}[1m])))", v -> v > 0, deadline);
        assertThat(p95).isPositive().isLessThan(1.0);

        // /health: the HTTP success rate of the last 5 minutes (healthy at 95% and above) turns it degraded once
        // the injected share dominates the window, as it already does the 5m ratio above.
        String status = null;
        HttpResponse<String> health = null;
        while (System.nanoTime() < deadline) {
            health = call("GET", "/health", app.managementPort());
            status = String.valueOf(MiniJson.at(MiniJson.parse(health.body()), "status"));
            if (!"healthy".equals(status)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(status).as("/health: %s", health == null ? "" : health.body()).isIn("degraded", "unhealthy");
        assertThat(health.statusCode()).isEqualTo("degraded".equals(status) ? 200 : 503);

        // While the release is younger than the deployment annotation's 2 minutes.
        checkDashboard();
        if (DOCS) {
            assertThat(awaitAlert("firing", deadline)).isEqualTo("firing");
            Thread.sleep(20_000); // so that the plot shows the alert firing for a while, not a wait for a result
        }
        writePlot(t0, faultAt);
    }

    private void checkDashboard() throws Exception {
        String json = Files.readString(OUT.resolve("grafana-dashboard.json"), StandardCharsets.UTF_8);
        Object dashboard = MiniJson.parse(json);
        Map<String, Double> returned = new TreeMap<>();
        int panels = 0;
        for (Object p : (List<?>) MiniJson.at(dashboard, "panels")) {
            if ("row".equals(MiniJson.at(p, "type"))) {
                continue;
            }
            panels++;
            String title = (String) MiniJson.at(p, "title");
            assertThat(MiniJson.at(p, "datasource", "type")).as(title).isEqualTo("prometheus");
            assertThat((String) MiniJson.at(p, "fieldConfig", "defaults", "unit")).as(title).isNotBlank();
            assertThat((String) MiniJson.at(p, "description")).as(title).isNotBlank();
            List<?> targets = (List<?>) MiniJson.at(p, "targets");
            assertThat(targets).as(title).isNotEmpty();
            for (Object t : targets) {
                String expr = (String) MiniJson.at(t, "expr");
                assertThat(expr).as(title).isNotBlank();
                // Runs it as Grafana would, the variables replaced; a parse error fails in query().
                returned.put(title + " | " + expr, (double) prometheus.query(substitute(expr)).size());
            }
        }
        assertThat(panels).isGreaterThan(20);
        // The rows of what the quickstart emits, with data in them: the names are the real ones.
        assertThat(returned).hasEntrySatisfying(key(returned, "Request rate"), n -> assertThat(n).isPositive());
        assertThat(returned).hasEntrySatisfying(key(returned, "5xx error ratio"), n -> assertThat(n).isPositive());
        assertThat(returned).hasEntrySatisfying(key(returned, "Pool usage"), n -> assertThat(n).isPositive());
        assertThat(returned).hasEntrySatisfying(key(returned, "Hit ratio"), n -> assertThat(n).isPositive());
        assertThat(returned).hasEntrySatisfying(key(returned, "Heap"), n -> assertThat(n).isPositive());
        assertThat(returned).hasEntrySatisfying(key(returned, "checkout-availability: error budget remaining"),
                n -> assertThat(n).isPositive());
        // The deployment annotation sees the release that just started.
        Object annotation = MiniJson.at(dashboard, "annotations", "list", 0);
        assertThat(prometheus.query(substitute((String) MiniJson.at(annotation, "expr")))).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("service_version", "1.0.0"));
        // The variables' queries: label_values(metric, label) reads the metric's series.
        for (Object v : (List<?>) MiniJson.at(dashboard, "templating", "list")) {
            Object def = MiniJson.at(v, "definition");
            if (def != null) {
                String metric = ((String) def).replaceFirst("^label_values\\((.*), *[a-z_]+\\)$", "$1");
                assertThat(prometheus.query(substitute(metric))).as((String) def).isNotEmpty();
            }
        }
        HttpResponse<String> served = call("GET", "/operations/grafana-dashboard.json", app.managementPort());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(MiniJson.at(MiniJson.parse(served.body()), "title")).isEqualTo("Vigil: quickstart");
    }

    private static String key(Map<String, Double> returned, String title) {
        return returned.keySet().stream().filter(k -> k.startsWith(title + " | ")).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title + " in " + returned.keySet()));
    }

    private static String substitute(String expr) {
        return expr.replace("$service", "quickstart").replace("$env", "dev").replace("$__rate_interval", "1m");
    }

    private void writePlot(double t0, double faultAt) throws Exception {
        double end = System.currentTimeMillis() / 1000.0;
        List<PrometheusServer.Series> ratio = prometheus.queryRange(RATIO, t0, end, 1);
        List<PrometheusServer.Series> alerts = prometheus.queryRange("ALERTS{alertname=\"" + ALERT
                + "\",http_route=\"/checkout\"}", t0, end, 1);
        Map<Long, Double> ratioAt = new TreeMap<>();
        for (PrometheusServer.Series s : ratio) {
            for (double[] p : s.points()) {
                ratioAt.put(Math.round(p[0]), p[1]);
            }
        }
        Map<Long, String> stateAt = new TreeMap<>();
        for (PrometheusServer.Series s : alerts) {
            for (double[] p : s.points()) {
                stateAt.merge(Math.round(p[0]), s.labels().get("alertstate"),
                        (a, b) -> "firing".equals(a) || "firing".equals(b) ? "firing" : a);
            }
        }
        List<ErrorRatioPlot.Point> points = new ArrayList<>();
        StringBuilder csv = new StringBuilder("seconds,error_ratio_5m,alert_state\n");
        for (long t = Math.round(t0); t <= Math.round(end); t++) {
            double r = ratioAt.getOrDefault(t, Double.NaN);
            String st = stateAt.get(t);
            points.add(new ErrorRatioPlot.Point(t - t0, r, st));
            csv.append(t - Math.round(t0)).append(',').append(Double.isNaN(r) ? "" : String.valueOf(r)).append(',')
                    .append(st == null ? "inactive" : st).append('\n');
        }
        assertThat(stateAt).as("the alert's states as Prometheus recorded them").isNotEmpty();
        Files.writeString(OUT.resolve("error-ratio-alert.csv"), csv.toString(), StandardCharsets.UTF_8);
        String svg = ErrorRatioPlot.svg("Quickstart on a real Prometheus: /checkout error ratio and " + ALERT,
                points, faultAt, 0.01);
        Files.writeString(OUT.resolve("error-ratio-alert.svg"), svg, StandardCharsets.UTF_8);
        if (DOCS) {
            assertThat(stateAt.values()).as("a docs run waits for the alert to fire").contains("firing");
            Files.writeString(Path.of("..", "..", "docs", "images", "error-ratio-alert.svg"), svg,
                    StandardCharsets.UTF_8);
        }
    }

    /** About 40 checkouts a second and a document now and then, until stopped. */
    private void drive() {
        int i = 0;
        while (driving.get()) {
            try {
                call("POST", "/checkout?plan=pro", app.servicePort());
                if (++i % 20 == 0) {
                    call("POST", "/documents?type=pdf", app.servicePort());
                }
                Thread.sleep(25);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a refused request while the service stops; the loop ends with the flag
            }
        }
    }

    private double await(String promql, DoublePredicate ok, long deadline) throws InterruptedException {
        Double last = null;
        while (System.nanoTime() < deadline) {
            List<PrometheusServer.Sample> s = prometheus.query(promql);
            if (!s.isEmpty()) {
                last = s.get(0).value();
                if (ok.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(promql + " did not reach the expected value in time; last " + last);
    }

    private String awaitAlert(String wanted, long deadline) throws InterruptedException {
        String last = null;
        while (System.nanoTime() < deadline) {
            for (Object a : prometheus.alerts()) {
                if (ALERT.equals(MiniJson.at(a, "labels", "alertname"))
                        && "/checkout".equals(MiniJson.at(a, "labels", "http_route"))) {
                    last = (String) MiniJson.at(a, "state");
                }
            }
            if (last != null && (wanted.equals(last) || "firing".equals(last))) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(ALERT + " did not reach " + wanted + " in time; last state " + last + "; rules: "
                + prometheus.rules());
    }

    private static HttpResponse<String> call(String method, String pathAndQuery, int port) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(5));
        b = "POST".equals(method) ? b.POST(HttpRequest.BodyPublishers.ofString("one two three"))
                : b.GET();
        if (pathAndQuery.startsWith("/documents")) {
            b.header("X-Api-Key", "demo");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
