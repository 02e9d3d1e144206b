package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.DbPool;
import dev.vigil.Vigil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The generic pool API on a real Prometheus scrape: gauges read at scrape time, events as they happen. */
class DbPoolMetricsTest {
    @Test
    void anyPoolReportsTheConnectionFamily() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build()) {
            AtomicInteger busy = new AtomicInteger(1);
            DbPool pool = vigil.db().pool("reports").used(busy::get).idle(() -> 2).max(10).idleMax(8).idleMin(2)
                    .pendingRequests(() -> 4);
            pool.timeout();
            pool.waitTime(Duration.ofMillis(30));
            pool.useTime(Duration.ofMillis(700));
            pool.createTime(Duration.ofMillis(3));
            busy.set(6);
            System.gc(); // the suppliers are held by Vigil, not only weakly by the registry

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.scrapeSource().scrape(null, out);
            String text = out.toString(StandardCharsets.UTF_8);
            String name = "db_client_connection_pool_name=\"reports\"";
            assertThat(text).contains(
                    "db_client_connection_count{" + name + ",db_client_connection_state=\"used\"} 6.0",
                    "db_client_connection_count{" + name + ",db_client_connection_state=\"idle\"} 2.0",
                    "db_client_connection_max{" + name + "} 10.0",
                    "db_client_connection_idle_max{" + name + "} 8.0",
                    "db_client_connection_idle_min{" + name + "} 2.0",
                    "db_client_connection_pending_requests{" + name + "} 4.0",
                    "db_client_connection_timeouts_total{" + name + "} 1.0",
                    "db_client_connection_wait_time_seconds_bucket{" + name + ",le=\"0.05\"} 1",
                    "db_client_connection_use_time_seconds_bucket{" + name + ",le=\"0.5\"} 0",
                    "db_client_connection_use_time_seconds_bucket{" + name + ",le=\"1.0\"} 1",
                    "db_client_connection_create_time_seconds_count{" + name + "} 1",
                    "# HELP db_client_connection_pending_requests The number of current pending requests for an open connection.");
        }
    }
}
