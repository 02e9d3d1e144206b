package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.HealthResult;
import dev.vigil.HealthStatus;
import dev.vigil.Vigil;
import dev.vigil.VigilConfig;
import dev.vigil.testing.OtlpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code exporter.otel} health check: spans exported, exports that failed, spans dropped in the last 5 minutes. */
class OtelExporterHealthTest {
    private final LogCapture logs = new LogCapture();
    private Vigil vigil;

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        logs.close();
    }

    @Test
    void healthyWhileTheCollectorTakesTheSpans() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            vigil = TestVigil.builder(receiver.endpoint()).managementPort(0)
                    .property(VigilConfig.MANAGEMENT_HOST, "127.0.0.1").install();
            for (int i = 0; i < 3; i++) {
                vigil.observation("order").start().close();
            }
            TestVigil.flush();
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + vigil.managementPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("\"exporter.otel\":{\"status\":\"healthy\",\"details\":{\"message\":"
                    + "\"nothing failed or dropped in the last 5 minutes\",\"exported\":3,\"failed_exports\":0,\"failed_items\":0,\"dropped\":0}}");
        }
    }

    @Test
    void unhealthyWhenEveryExportFails() throws Exception {
        vigil = TestVigil.builder("http://127.0.0.1:" + closedPort()).install();
        vigil.observation("order").start().close();
        HealthResult r = awaitStatus(HealthStatus.UNHEALTHY);
        assertThat(r.detail()).isEqualTo("every export failed in the last 5 minutes");
        assertThat(r.details()).containsEntry("exported", 0L).containsEntry("failed_items", 1L);
    }

    private HealthResult awaitStatus(HealthStatus wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HealthResult r = vigil.health().runAll().get("exporter.otel");
        while (r.status() != wanted && System.nanoTime() < deadline) {
            Thread.sleep(10); // the export fails on the exporter's thread: poll its outcome, bounded
            r = vigil.health().runAll().get("exporter.otel");
        }
        assertThat(r.status()).as(String.valueOf(r)).isEqualTo(wanted);
        return r;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again before use: connections are refused
        }
    }
}
