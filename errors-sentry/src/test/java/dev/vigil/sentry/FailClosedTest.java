package dev.vigil.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An event the scrubber cannot scrub is dropped and counted, never sent half-scrubbed. */
class FailClosedTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private SentryReceiver receiver;
    private Vigil vigil;

    @AfterEach
    void tearDown() {
        SentryTestVigil.close(vigil);
        receiver.close();
        registry.close();
    }

    @Test
    void aValueThatCannotBeScrubbedDropsTheEvent() throws Exception {
        receiver = new SentryReceiver();
        vigil = SentryTestVigil.builder(receiver.dsn()).metrics(MicrometerMetrics.of(registry)).install();
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("password=hunter2");
            }
        };
        vigil.errors().capture(new IllegalStateException("first")).extra("payload", hostile).send();
        vigil.errors().capture(new IllegalStateException("second")).extra("payload", "fine").send();
        SentryTestVigil.flush();

        assertThat(receiver.events()).singleElement()
                .satisfies(e -> assertThat(e.getExceptions().get(0).getValue()).isEqualTo("second"));
        assertThat(receiver.allBytes()).doesNotContain("first", "hunter2");
        assertThat(registry.scrape()).contains("vigil_errors_dropped_total{reason=\"scrub_failed\"} 1.0");
    }
}
