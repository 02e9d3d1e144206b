package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ConfigSource;
import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import dev.vigil.Vigil;
import dev.vigil.VigilConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BuiltInChecksTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(3));

    private static HealthSettings settings(Map<String, String> keys) {
        return HealthSettings.from(Vigil.builder().configSource(ConfigSource.of(keys)).discoverBackends(false).build().config());
    }

    private HealthModel model(Map<String, String> keys) {
        return new HealthModel("shop", settings(keys), now::get);
    }

    private static void requests(HealthModel m, int n, int failures, long ms) {
        for (int i = 0; i < n; i++) {
            m.serverRequest("/checkout", i < failures ? 503 : 200, false, TimeUnit.MILLISECONDS.toNanos(ms));
        }
    }

    private static HealthStatus success(HealthModel m) {
        return BuiltInChecks.httpSuccess(m.requests().snapshot().total(), m.settings()).status();
    }

    private static HealthStatus latency(HealthModel m) {
        return BuiltInChecks.httpLatency(m.requests().snapshot().total(), m.settings()).status();
    }

    @Test
    void successRateThresholdsAtTheirDefaults() {
        HealthModel m = model(Map.of());
        assertThat(success(m)).isEqualTo(HealthStatus.HEALTHY);
        assertThat(BuiltInChecks.httpSuccess(m.requests().snapshot().total(), m.settings()).detail())
                .isEqualTo("no requests in the last 5 minutes");
        requests(m, 100, 5, 10);                   // 95 of 100: healthy
        assertThat(success(m)).isEqualTo(HealthStatus.HEALTHY);
        requests(m, 5, 5, 10);                     // 95 of 105: degraded
        assertThat(success(m)).isEqualTo(HealthStatus.DEGRADED);
        requests(m, 25, 25, 10);                   // 95 of 130 = 73 %: unhealthy
        assertThat(success(m)).isEqualTo(HealthStatus.UNHEALTHY);
        now.addAndGet(TimeUnit.MINUTES.toNanos(6));
        assertThat(success(m)).as("the window moved on").isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void fourHundredsAreTheClientsMistakeAndAThrowWithoutResponseIsAFailure() {
        HealthModel m = model(Map.of());
        for (int i = 0; i < 20; i++) {
            m.serverRequest("/a", 404, false, 1);
        }
        assertThat(success(m)).isEqualTo(HealthStatus.HEALTHY);
        for (int i = 0; i < 20; i++) {
            m.serverRequest("/a", -1, true, 1);
        }
        assertThat(m.requests().snapshot().total().failures()).isEqualTo(20);
    }

    @Test
    void tooFewRequestsAreNotJudged() {
        HealthModel m = model(Map.of(HealthSettings.HTTP_MIN_REQUESTS, "10"));
        requests(m, 9, 9, 900);
        HealthResult r = BuiltInChecks.httpSuccess(m.requests().snapshot().total(), m.settings());
        assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.detail()).isEqualTo("9 requests in the last 5 minutes, fewer than the 10 needed to judge");
        assertThat(latency(m)).isEqualTo(HealthStatus.HEALTHY);
        requests(m, 1, 1, 900);
        assertThat(success(m)).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(latency(m)).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void p95Thresholds() {
        HealthModel fast = model(Map.of());
        requests(fast, 100, 0, 150);
        assertThat(latency(fast)).isEqualTo(HealthStatus.HEALTHY);
        HealthModel slow = model(Map.of());
        requests(slow, 100, 0, 300);
        assertThat(latency(slow)).isEqualTo(HealthStatus.DEGRADED);
        HealthModel slower = model(Map.of());
        requests(slower, 100, 0, 800);
        HealthResult r = BuiltInChecks.httpLatency(slower.requests().snapshot().total(), slower.settings());
        assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(r.details()).containsEntry("p95_ms", 987.5).containsEntry("unhealthy_above_ms", 500L);
        HealthModel lenient = model(Map.of(HealthSettings.P95_DEGRADED, "1000", HealthSettings.P95_UNHEALTHY, "2000"));
        requests(lenient, 100, 0, 800);
        assertThat(latency(lenient)).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void queueDepthJudgesTheDeepestQueue() {
        HealthModel m = model(Map.of());
        assertThat(BuiltInChecks.queues(m, m.settings()).detail()).isEqualTo("no task queue");
        AtomicInteger emails = new AtomicInteger(99);
        AtomicInteger reports = new AtomicInteger(3);
        m.taskQueue("emails", emails::get);
        m.taskQueue("reports", reports::get);
        assertThat(BuiltInChecks.queues(m, m.settings()).status()).isEqualTo(HealthStatus.HEALTHY);
        emails.set(100);
        HealthResult r = BuiltInChecks.queues(m, m.settings());
        assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.details()).containsEntry("deepest_queue", "emails").containsEntry("total_depth", 103L);
        emails.set(501);
        assertThat(BuiltInChecks.queues(m, m.settings()).status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(m.queueDepth()).isEqualTo(504);
    }

    @Test
    void diskAndHeapJudgeAgainstTheirPercentages() throws Exception {
        HealthResult disk = BuiltInChecks.disk(settings(Map.of()));
        assertThat(disk.details()).containsKeys("path", "free_percent", "total_bytes");
        // Every disk has less than 100 % free: at 100 the check must report it.
        HealthResult full = BuiltInChecks.disk(settings(Map.of(HealthSettings.DISK_DEGRADED, "100", HealthSettings.DISK_UNHEALTHY, "100")));
        assertThat(full.status()).isEqualTo(HealthStatus.UNHEALTHY);
        HealthSettings s = settings(Map.of());
        assertThat(BuiltInChecks.heap(50, 100, s).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(BuiltInChecks.heap(90, 100, s).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(BuiltInChecks.heap(98, 100, s).status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(BuiltInChecks.heap(s).status()).as("this test JVM is far from full").isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void badThresholdsFailTheBuildNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of(HealthSettings.SUCCESS_DEGRADED, "ninety")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vigil.health.http.success-rate.degraded-below'").hasMessageContaining("percentage");
        assertThatThrownBy(() -> settings(Map.of(HealthSettings.SUCCESS_UNHEALTHY, "101")))
                .hasMessageContaining("'vigil.health.http.success-rate.unhealthy-below'").hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> settings(Map.of(HealthSettings.P95_DEGRADED, "900")))
                .hasMessageContaining("'vigil.health.http.p95.degraded-ms'").hasMessageContaining("must not be above")
                .hasMessageContaining("'vigil.health.http.p95.unhealthy-ms'");
        assertThatThrownBy(() -> settings(Map.of(HealthSettings.QUEUE_UNHEALTHY, "-1")))
                .hasMessageContaining("'vigil.health.tasks.queue-depth.unhealthy'");
        assertThatThrownBy(() -> settings(Map.of(HealthSettings.DISK_PATH, "/no/such/dir/vigil")))
                .hasMessageContaining("'vigil.health.disk.path'").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> settings(Map.of(HealthSettings.PAGE_QUERY_TOKEN, "yes")))
                .hasMessageContaining("'vigil.health.page.query-token'");
        assertThatThrownBy(() -> Vigil.builder().configSource(ConfigSource.empty()).discoverBackends(false)
                .property(HealthSettings.HEAP_DEGRADED, "99").build())
                .as("validated by build() itself").hasMessageContaining("'vigil.health.heap.degraded-percent'");
        assertThat(VigilConfig.envName(HealthSettings.SUCCESS_DEGRADED)).isEqualTo("VIGIL_HEALTH_HTTP_SUCCESS_RATE_DEGRADED_BELOW");
        assertThat(Duration.ofMinutes(5)).isEqualTo(HealthModel.WINDOW);
    }
}
