package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.VigilBuilder;
import dev.vigil.trace.SpanContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Exemplars from core's current span, read the way Prometheus reads them: over HTTP from the management server,
 * with the OpenMetrics {@code Accept} header a Prometheus server sends.
 */
class ExemplarsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
    /** An exemplar: the labels, the observed value in seconds, the timestamp in seconds with milliseconds. */
    private static final String EXEMPLAR = " # \\{span_id=\"%s\",trace_id=\"%s\"} %s \\d+\\.\\d{3}$";

    private static VigilBuilder shop() {
        return Vigil.builder().serviceName("shop").commonTags(false).managementPort(0)
                .property(MicrometerBackendProvider.JVM_METRICS, "false");
    }

    private static String scrape(Vigil vigil, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + vigil.managementPort() + "/metrics")).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Records 42 ms into a timer and 1 into a counter inside a started observation; returns its span. */
    private static SpanContext recordInsideAnObservation(Vigil vigil) {
        try (Observation o = vigil.observation("x").start()) {
            vigil.kpi("invoice.render").timer().record(Duration.ofMillis(42));
            vigil.kpi("orders.placed").increment();
            return o.spanContext();
        }
    }

    private static List<String> withExemplar(String scrape) {
        return scrape.lines().filter(l -> l.contains(" # {")).toList();
    }

    @Test
    void sampledSpanPutsItsIdsOnTheBucketOfTheValueInOpenMetrics() throws Exception {
        try (Vigil vigil = shop().build()) {
            SpanContext span = recordInsideAnObservation(vigil);
            assertThat(span.isValid()).isTrue();
            assertThat(span.isSampled()).isTrue();

            String scrape = scrape(vigil, OPENMETRICS);

            // The exemplar sits on the smallest bucket that holds 42 ms, and nowhere else in the histogram.
            Pattern bucket = Pattern.compile("^invoice_render_seconds_bucket\\{le=\"0\\.05\"} 1"
                    + String.format(EXEMPLAR, span.spanIdHex(), span.traceIdHex(), "0\\.042"));
            assertThat(scrape.lines()).anyMatch(l -> bucket.matcher(l).matches());
            assertThat(Scrapes.lines(scrape, "invoice_render_seconds_bucket")).filteredOn(l -> l.contains(" # {"))
                    .hasSize(1);
            // Micrometer's Prometheus counters sample exemplars too; see CoreSpanExemplars for the cost.
            Pattern counter = Pattern.compile("^orders_placed_total 1\\.0"
                    + String.format(EXEMPLAR, span.spanIdHex(), span.traceIdHex(), "1\\.0"));
            assertThat(scrape.lines()).anyMatch(l -> counter.matcher(l).matches());
            assertThat(span.traceIdHex()).matches("[0-9a-f]{32}");
            assertThat(span.spanIdHex()).matches("[0-9a-f]{16}");
            // OpenMetrics allows exemplars on buckets and counters only; strict parsers reject a scrape otherwise.
            assertThat(withExemplar(scrape)).allMatch(l -> l.contains("_bucket{") || l.startsWith("orders_placed_total"),
                    "exemplars only on buckets and counters");
        }
    }

    @Test
    void prometheusTextFormatShowsNoExemplars() throws Exception {
        try (Vigil vigil = shop().build()) {
            recordInsideAnObservation(vigil);

            String text = scrape(vigil, null);

            assertThat(text).contains("invoice_render_seconds_bucket{le=\"0.05\"} 1");
            assertThat(withExemplar(text)).isEmpty();
            // ...while the same registry has one for OpenMetrics: the format, not the recording, hides it.
            assertThat(withExemplar(scrape(vigil, OPENMETRICS))).isNotEmpty();
        }
    }

    @Test
    void unsampledSpanGivesNoExemplar() throws Exception {
        try (Vigil vigil = shop().traceSampleRatio(0).build()) {
            SpanContext span = recordInsideAnObservation(vigil);
            assertThat(span.isValid()).isTrue();
            assertThat(span.isSampled()).isFalse();

            String scrape = scrape(vigil, OPENMETRICS);

            assertThat(scrape).contains("invoice_render_seconds_bucket{le=\"0.05\"} 1");
            assertThat(withExemplar(scrape)).isEmpty();
        }
    }

    @Test
    void noCurrentSpanGivesNoExemplar() throws Exception {
        try (Vigil vigil = shop().build()) {
            vigil.kpi("invoice.render").timer().record(Duration.ofMillis(42));

            String scrape = scrape(vigil, OPENMETRICS);

            assertThat(scrape).contains("invoice_render_seconds_bucket{le=\"0.05\"} 1");
            assertThat(withExemplar(scrape)).isEmpty();
        }
    }

    @Test
    void exemplarsCanBeSwitchedOffForTheDiscoveredRegistry() throws Exception {
        try (Vigil vigil = shop().property(MicrometerBackendProvider.EXEMPLARS, "false").build()) {
            recordInsideAnObservation(vigil);

            String scrape = scrape(vigil, OPENMETRICS);

            assertThat(scrape).contains("invoice_render_seconds_bucket{le=\"0.05\"} 1");
            assertThat(withExemplar(scrape)).isEmpty();
        }
    }

    @Test
    void explicitPrometheusBackendHasExemplarsAndAppliesTheKeyAtStart() throws Exception {
        MicrometerMetrics on = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(on).build()) {
            SpanContext span = recordInsideAnObservation(vigil);
            assertThat(openMetrics(on)).contains(
                    "# {span_id=\"" + span.spanIdHex() + "\",trace_id=\"" + span.traceIdHex() + "\"} 0.042 ");
        }
        MicrometerMetrics off = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).metrics(off)
                .property(MicrometerBackendProvider.EXEMPLARS, "false").build()) {
            recordInsideAnObservation(vigil);
            assertThat(withExemplar(openMetrics(off))).isEmpty();
        }
    }

    @Test
    void userRegistryIsLeftAsItWasBuilt() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics metrics = MicrometerMetrics.builder(registry).jvmMetrics(false).build();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).metrics(metrics).build()) {
            recordInsideAnObservation(vigil);
            assertThat(withExemplar(openMetrics(metrics))).isEmpty();
        } finally {
            registry.close();
        }
    }

    @Test
    void invalidSwitchFailsAtBuild() {
        assertThatThrownBy(() -> Vigil.builder().property(MicrometerBackendProvider.EXEMPLARS, "yes").build())
                .hasMessageContaining("vigil.metrics.exemplars");
        MicrometerMetrics explicit = MicrometerMetrics.prometheus();
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false).metrics(explicit)
                .property(MicrometerBackendProvider.EXEMPLARS, "yes").build())
                .hasMessageContaining("vigil.metrics.exemplars");
        explicit.close(Duration.ZERO); // the failed build never started it, so it is still ours to close
    }

    private static String openMetrics(MicrometerMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrapeSource().scrape(OPENMETRICS, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
