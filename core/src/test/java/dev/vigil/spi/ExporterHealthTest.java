package dev.vigil.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExporterHealthTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private final ExporterHealth health = new ExporterHealth(now::get);

    @Test
    void judgesFailuresAndDropsOfTheLastFiveMinutes() {
        HealthResult idle = health.check();
        assertThat(idle.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(idle.detail()).isEqualTo("nothing failed or dropped in the last 5 minutes");
        health.exported(100);
        health.dropped(3);
        HealthResult dropped = health.check();
        assertThat(dropped.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(dropped.detail()).isEqualTo("3 dropped in the last 5 minutes");
        health.failed(20);
        assertThat(health.check().detail()).isEqualTo("1 failed exports and 3 dropped in the last 5 minutes");
        assertThat(health.check().details()).containsEntry("exported", 100L).containsEntry("failed_exports", 1L)
                .containsEntry("failed_items", 20L).containsEntry("dropped", 3L);

        now.addAndGet(TimeUnit.MINUTES.toNanos(6));
        health.failed(5);
        HealthResult down = health.check();
        assertThat(down.status()).as("exports failed and none succeeded").isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(down.detail()).isEqualTo("every export failed in the last 5 minutes");
        now.addAndGet(TimeUnit.MINUTES.toNanos(6));
        assertThat(health.check().status()).isEqualTo(HealthStatus.HEALTHY);
    }
}
