package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import dev.vigil.trace.SpanContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What an observation's timer looks like in a real Prometheus scrape: final tags, error type, own exemplars. */
@SuppressWarnings("try") // an observation opened for its effect
class ObservationScrapeTest {
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";

    /** Rewritten by vigil-maven-plugin's instrument-tests goal. */
    static class Orders {
        final CompletableFuture<String> pending = new CompletableFuture<>();
        SpanContext ownSpan;

        @Timed("orders.load")
        @Traced
        CompletionStage<String> load() {
            ownSpan = dev.vigil.context.Context.current().span();
            return pending;
        }
    }

    private static String scrape(MicrometerMetrics metrics, String accept) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrapeSource().scrape(accept, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLateTagAndAnErrorTypeWithoutExceptionAreOnTheTimersSeries() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build()) {
            Observation o = vigil.observation("GET /orders/{id}").kind(SpanKind.SERVER)
                    .timer("http.server.request.duration")
                    .tag("http.request.method", "GET")
                    .attribute("server.port", 8080L)
                    .start();
            o.tag("http.response.status_code", "200");
            o.tag("http.response.status_code", "503"); // set again: the later value wins
            o.errorType("503");
            o.close();

            String text = scrape(metrics, null);

            assertThat(Scrapes.lines(text, "http_server_request_duration_seconds_count")).containsExactly(
                    "http_server_request_duration_seconds_count{error_type=\"503\",http_request_method=\"GET\","
                            + "http_response_status_code=\"503\"} 1");
            assertThat(text).doesNotContain("server_port");
        }
    }

    @Test
    void aCompletionStageMethodsExemplarCarriesItsOwnSpanAlthoughTheStageCompletesElsewhere() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        Vigil.resetGlobalForTest();
        Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).install();
        ExecutorService completer = Executors.newSingleThreadExecutor();
        try {
            Orders orders = new Orders();
            SpanContext caller;
            try (Observation o = vigil.observation("caller").start()) {
                caller = o.spanContext();
                orders.load();
            }
            // The completing thread has a sampled span of its own current, which must not be the exemplar.
            completer.submit(() -> {
                try (Observation other = vigil.observation("completer").start()) {
                    Thread.sleep(5);
                    orders.pending.complete("loaded");
                }
                return null;
            }).get(10, TimeUnit.SECONDS);

            String openMetrics = scrape(metrics, OPENMETRICS);

            SpanContext own = orders.ownSpan;
            assertThat(own.isSampled()).isTrue();
            assertThat(own.spanIdHex()).isNotEqualTo(caller.spanIdHex());
            assertThat(Scrapes.lines(openMetrics, "orders_load_seconds_bucket")).filteredOn(l -> l.contains(" # {"))
                    .singleElement().asString()
                    .contains("span_id=\"" + own.spanIdHex() + "\",trace_id=\"" + own.traceIdHex() + "\"");
        } finally {
            completer.shutdownNow();
            vigil.close();
            Vigil.resetGlobalForTest();
        }
    }

    @Test
    void anObservationClosedOnAnotherThreadHasItsOwnExemplar() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build()) {
            Observation a = vigil.observation("consume").timer("orders.consume").startDetached();
            closer.submit(a::close).get(10, TimeUnit.SECONDS);

            String openMetrics = scrape(metrics, OPENMETRICS);

            assertThat(Scrapes.lines(openMetrics, "orders_consume_seconds_bucket")).filteredOn(l -> l.contains(" # {"))
                    .singleElement().asString().contains("span_id=\"" + a.spanContext().spanIdHex() + "\"");
        } finally {
            closer.shutdownNow();
        }
    }
}
