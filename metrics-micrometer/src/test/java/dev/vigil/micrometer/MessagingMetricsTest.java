package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The messaging conventions on a real Prometheus scrape: durations with their buckets, counts, gauges, errors. */
@SuppressWarnings("try") // observations opened for their effect
class MessagingMetricsTest {
    private static String scrape(MicrometerMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrapeSource().scrape(null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void publishAndProcessRecordTheirDurationsAndCountsWithTheSameErrorType() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build()) {
            Map<String, String> headers = new HashMap<>();
            try (Observation o = vigil.messaging().publish("orders").system("kafka").headers(headers).start()) {
                headers.put("k", "v");
            }
            try (Observation o = vigil.messaging().process("orders").system("kafka").consumerGroup("billing")
                    .headers(headers).start()) {
                o.error(new IllegalStateException("bad message"));
            }
            String text = scrape(metrics);
            String send = "messaging_destination_name=\"orders\",messaging_operation_name=\"send\","
                    + "messaging_operation_type=\"send\",messaging_system=\"kafka\"";
            assertThat(Scrapes.lines(text, "messaging_client_operation_duration_seconds_count"))
                    .containsExactly("messaging_client_operation_duration_seconds_count{" + send + "} 1");
            assertThat(Scrapes.buckets(text, "messaging_client_operation_duration_seconds_bucket", send)).containsExactly(
                    "0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5",
                    "10.0", "+Inf");
            assertThat(Scrapes.lines(text, "messaging_client_sent_messages_total")).containsExactly(
                    "messaging_client_sent_messages_total{messaging_destination_name=\"orders\","
                            + "messaging_operation_name=\"send\",messaging_system=\"kafka\"} 1.0");
            String process = "error_type=\"java.lang.IllegalStateException\",messaging_consumer_group_name=\"billing\","
                    + "messaging_destination_name=\"orders\",messaging_operation_name=\"process\",messaging_system=\"kafka\"";
            assertThat(Scrapes.lines(text, "messaging_process_duration_seconds_count"))
                    .containsExactly("messaging_process_duration_seconds_count{" + process + "} 1");
            assertThat(Scrapes.lines(text, "messaging_client_consumed_messages_total"))
                    .containsExactly("messaging_client_consumed_messages_total{" + process + "} 1.0");
            assertThat(text).contains("# HELP messaging_process_duration_seconds Duration of processing operation.");
        }
    }

    @Test
    void queueDepthAndConsumerLagAreGaugesReadAtScrape() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build()) {
            AtomicLong depth = new AtomicLong(3);
            vigil.messaging().queueDepth("orders", depth::get);
            vigil.messaging().consumerLag("orders", "billing", () -> 42);
            depth.set(7);
            System.gc(); // the suppliers are held by Vigil, not only weakly by the registry
            String text = scrape(metrics);
            assertThat(text).contains("# TYPE messaging_queue_depth gauge",
                    "messaging_queue_depth{messaging_destination_name=\"orders\"} 7.0",
                    "messaging_consumer_lag{messaging_consumer_group_name=\"billing\",messaging_destination_name=\"orders\"} 42.0");
        }
    }
}
