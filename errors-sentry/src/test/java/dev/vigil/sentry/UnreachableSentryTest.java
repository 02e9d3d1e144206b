package dev.vigil.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.VigilConfig;
import dev.vigil.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Sentry endpoint that refuses connections, or accepts them and never answers, never slows the application: every
 * report returns at once, what cannot be sent is dropped and counted, and close() keeps to its timeout.
 */
class UnreachableSentryTest {
    /**
     * Generous, for a loaded build machine: a report costs microseconds, while a call that waited on the network would
     * take the send timeout, set to 5 s here.
     */
    private static final long PROMPT_NANOS = 500_000_000L;
    private static final int REPORTS = 200;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FailingService service = new FailingService();
    private Vigil vigil;

    @AfterEach
    void tearDown() {
        SentryTestVigil.close(vigil);
        registry.close();
    }

    @Test
    void refusingEndpoint() throws Exception {
        vigil = install(SentryReceiver.refusingDsn());
        long slowest = reportMany();
        SentryTestVigil.flush();

        assertThat(slowest).isLessThan(PROMPT_NANOS);
        // Every report was lost, and every loss counted: refused sends, or a full queue while the sender was busy.
        assertThat(dropped("send_failed") + dropped("queue_full")).isEqualTo(REPORTS);
        assertThat(dropped("send_failed")).isPositive();
        assertClosesWithinItsTimeout();
    }

    @Test
    void endpointThatAcceptsAndNeverAnswers() throws Exception {
        try (SentryReceiver.Silent silent = new SentryReceiver.Silent()) {
            vigil = install(silent.dsn());
            long slowest = reportMany();
            SentryTestVigil.handedOver();

            assertThat(slowest).isLessThan(PROMPT_NANOS);
            // The sender waits on the first connection; the bounded queue fills and the rest are dropped at once.
            assertThat(dropped("queue_full")).isGreaterThanOrEqualTo(REPORTS - 6);
            assertClosesWithinItsTimeout();
        }
    }

    private Vigil install(String dsn) {
        return SentryTestVigil.builder(dsn)
                .metrics(MicrometerMetrics.of(registry))
                .property(SentryErrors.QUEUE_SIZE, "5")
                .property(SentryErrors.TIMEOUT_MS, "5000")
                .property(VigilConfig.SHUTDOWN_TIMEOUT_MS, "1000")
                .install();
    }

    /**
     * Half manual reports, half failing annotated methods; returns the slowest call in nanoseconds but the first, which
     * loads the SDK's event classes (that one is bounded by a second).
     */
    private long reportMany() {
        long slowest = 0;
        for (int i = 0; i < REPORTS; i++) {
            long start = System.nanoTime();
            if (i % 2 == 0) {
                vigil.errors().capture(new IllegalStateException("report " + i)).tag("n", Integer.toString(i)).send();
            } else {
                String message = "failure " + i;
                assertThatThrownBy(() -> service.checkout(message)).isInstanceOf(IllegalStateException.class);
            }
            long took = System.nanoTime() - start;
            if (i == 0) {
                assertThat(took).isLessThan(1_000_000_000L);
            } else {
                slowest = Math.max(slowest, took);
            }
        }
        return slowest;
    }

    private void assertClosesWithinItsTimeout() {
        long start = System.nanoTime();
        vigil.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isLessThan(1_000 + 500);
    }

    /** The drop counter as the Prometheus scrape shows it. */
    private long dropped(String reason) {
        Matcher m = Pattern.compile("vigil_errors_dropped_total\\{reason=\"" + reason + "\"} ([0-9.E]+)")
                .matcher(registry.scrape());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
