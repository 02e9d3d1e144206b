package dev.vigil.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.otel.OtelTracing;
import dev.vigil.testing.FakeOpenAiServer;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What every test here runs against: the loopback OpenAI-compatible server, a real Prometheus registry, and the
 * OpenTelemetry SDK exporting to a loopback OTLP receiver, with gpt-4o-mini and text-embedding-3-small priced.
 */
final class Loopback implements AutoCloseable {
    /** USD per 1M tokens: input, output, cache-read input. */
    static final double INPUT_PRICE = 0.15;
    static final double OUTPUT_PRICE = 0.60;
    static final double CACHED_PRICE = 0.075;
    static final double EMBEDDING_PRICE = 0.02;
    static final List<String> TOKEN_BUCKETS = List.of("1.0", "4.0", "16.0", "64.0", "256.0", "1024.0", "4096.0",
            "16384.0", "65536.0", "262144.0", "1048576.0", "4194304.0", "1.6777216E7", "6.7108864E7", "+Inf");
    static final List<String> SECONDS_BUCKETS = List.of("0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64",
            "1.28", "2.56", "5.12", "10.24", "20.48", "40.96", "81.92", "+Inf");

    final FakeOpenAiServer server;
    final OtlpReceiver receiver;
    final MicrometerMetrics metrics = MicrometerMetrics.prometheus();
    final Vigil vigil;
    private final OtelTracing tracing;

    Loopback() throws IOException {
        server = new FakeOpenAiServer();
        receiver = new OtlpReceiver();
        Vigil.resetGlobalForTest();
        tracing = OtelTracing.builder().useGlobal(false).build();
        vigil = Vigil.builder().discoverBackends(false).commonTags(false).serviceName("support")
                .property("otel.exporter.otlp.endpoint", receiver.endpoint())
                .property("otel.bsp.schedule.delay", "20")
                .metrics(metrics).backend(tracing)
                .genAiPrice("openai", "gpt-4o-mini", INPUT_PRICE, OUTPUT_PRICE, CACHED_PRICE)
                .genAiPrice("openai", "text-embedding-3-small", EMBEDDING_PRICE, 0, 0)
                .build();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrapeSource().scrape(null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Exports every span ended so far and waits for the receiver's answer. */
    void flush() {
        OpenTelemetrySdk sdk = (OpenTelemetrySdk) tracing.openTelemetry();
        assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .as("span flush within 10 s").isTrue();
    }

    /** @return the series of a metric whose labels contain every fragment, as whole lines */
    static List<String> series(String scrape, String metric, String... labelFragments) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{"))
                .filter(l -> Arrays.stream(labelFragments).allMatch(l::contains)).collect(Collectors.toList());
    }

    /** @return the value of the one series of a metric whose labels contain every fragment */
    static double value(String scrape, String metric, String... labelFragments) {
        List<String> found = series(scrape, metric, labelFragments);
        assertThat(found).as("one series %s%s in%n%s", metric, Arrays.toString(labelFragments), scrape).hasSize(1);
        String line = found.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** @return the {@code le} values of a histogram's bucket series whose labels contain every fragment, in order */
    static List<String> buckets(String scrape, String metric, String... labelFragments) {
        return series(scrape, metric + "_bucket", labelFragments).stream()
                .map(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1")).collect(Collectors.toList());
    }

    @Override
    public void close() {
        vigil.close();
        Vigil.resetGlobalForTest();
        receiver.close();
        server.close();
    }
}
