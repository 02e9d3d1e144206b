package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.vigil.Vigil;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installed, the logging backend shows its drops in the Prometheus scrape and in /health, and rejects bad keys. */
class LoggingBackendTest {
    private final Logger log = LoggerFactory.getLogger("shop.Backend");
    private LogCapture capture;

    @AfterEach
    void tearDown() {
        if (capture != null) {
            capture.console.release();
            capture.close();
        }
        Vigil old = Vigil.resetGlobalForTest();
        if (old != null) {
            old.close();
        }
    }

    @Test
    void dropsAppearInTheScrapeAndInHealth() throws Exception {
        capture = new LogCapture(Map.of("vigil.logging.queue-size", "16"));
        capture.console.stall();
        log.info("probe");
        assertThat(capture.console.awaitWriterStuck()).isTrue();
        for (int i = 0; i < 100; i++) {
            log.info("flood {}", i); // a stalled writer and a 16-line queue: most are dropped
        }
        Vigil vigil = Vigil.builder().serviceName("shop").managementPort(0).property("vigil.management.host", "127.0.0.1")
                .property("vigil.metrics.jvm", "false").install();
        assertThat(vigil.backendNames()).contains(LoggingBackend.NAME);
        log.info("one more, after install"); // the queue is still full: dropped, and counted live
        long dropped = LogDrops.count(Level.INFO);
        assertThat(dropped).isGreaterThanOrEqualTo(80);

        String metrics = get(vigil, "/metrics");
        Matcher m = Pattern.compile("(?m)^vigil_logging_dropped_total\\{[^}]*level=\"INFO\"[^}]*} ([0-9.E]+)$").matcher(metrics);
        assertThat(m.find()).as("vigil_logging_dropped_total{level=INFO} in\n%s", metrics).isTrue();
        assertThat((long) Double.parseDouble(m.group(1))).isEqualTo(dropped);
        assertThat(metrics).containsPattern("vigil_logging_dropped_total\\{[^}]*level=\"ERROR\"[^}]*} ");

        String health = get(vigil, "/health");
        assertThat(health).contains("\"logging\"").contains("INFO=" + dropped).contains("queue " + capture.async.queued() + "/16").contains("\"status\":\"degraded\"");
    }

    @Test
    void dropsOfTheLastFiveMinutesKeepItDegradedOnceTheQueueHasDrained() throws Exception {
        capture = new LogCapture(Map.of("vigil.logging.queue-size", "16"));
        Vigil vigil = Vigil.builder().serviceName("shop").managementPort(0).property("vigil.management.host", "127.0.0.1")
                .property("vigil.metrics.jvm", "false").install();
        assertThat(get(vigil, "/health")).contains("\"logging\":{\"status\":\"healthy\"").contains("\"dropped_last_5_minutes\":0}");
        capture.console.stall();
        log.info("probe");
        assertThat(capture.console.awaitWriterStuck()).isTrue();
        for (int i = 0; i < 40; i++) {
            log.info("flood {}", i);
        }
        capture.console.release();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (capture.async.queued() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the writer drains the queue on its own thread: poll, bounded
        }
        assertThat(capture.async.queued()).isZero();
        String health = get(vigil, "/health");
        assertThat(health).contains("\"logging\":{\"status\":\"degraded\"").containsPattern("\"dropped_last_5_minutes\":([2-9]\\d|1\\d)");
    }

    @Test
    void aBadLoggingKeyFailsInstallNamingIt() {
        assertThatThrownBy(() -> Vigil.builder().property("vigil.logging.max-line-bytes", "tiny").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vigil.logging.max-line-bytes");
    }

    private static String get(Vigil vigil, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
