package dev.vigil.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import dev.vigil.Vigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code exporter.sentry} health check: events sent, sends that failed, events dropped in the last 5 minutes. */
class SentryExporterHealthTest {
    private Vigil vigil;

    @AfterEach
    void tearDown() {
        SentryTestVigil.close(vigil);
    }

    @Test
    void healthyWhileSentryTakesTheEvents() throws Exception {
        try (SentryReceiver receiver = new SentryReceiver()) {
            vigil = SentryTestVigil.builder(receiver.dsn()).install();
            vigil.errors().capture(new IllegalStateException("one")).send();
            vigil.errors().capture(new IllegalArgumentException("two")).send();
            SentryTestVigil.flush();
            HealthResult r = vigil.health().runAll().get("exporter.sentry");
            assertThat(r.status()).as(String.valueOf(r)).isEqualTo(HealthStatus.HEALTHY);
            assertThat(r.details()).containsEntry("exported", 2L).containsEntry("dropped", 0L);
        }
    }

    @Test
    void unhealthyWhenEverySendFails() throws Exception {
        vigil = SentryTestVigil.builder(SentryReceiver.refusingDsn()).install();
        vigil.errors().capture(new IllegalStateException("lost")).send();
        SentryTestVigil.flush();
        HealthResult r = vigil.health().runAll().get("exporter.sentry");
        assertThat(r.status()).as(String.valueOf(r)).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(r.detail()).isEqualTo("every export failed in the last 5 minutes");
        assertThat(r.details()).containsEntry("failed_exports", 1L).containsEntry("exported", 0L);
    }
}
