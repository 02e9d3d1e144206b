package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.Vigil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A collector that is down, refuses, answers an error or never answers: one line a minute per kind of failure with
 * the endpoint and the reason, nothing from the SDK's own loggers, the spans counted as dropped, and a close that
 * does not wait for the collector.
 */
class ExporterFailureTest {
    private static final String EXPORT_FAILED = "COUNTER vigil.dropped{backend=otel,reason=export_failed}";
    private final LogCapture logs = new LogCapture();
    private final CountingMetrics metrics = new CountingMetrics();
    private Vigil vigil;

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        logs.close();
    }

    @Test
    void aRefusingCollectorIsOneLineWithTheEndpointAndReasonAndCloseTakesUnderASecond() throws Exception {
        String endpoint = "http://127.0.0.1:" + closedPort();
        vigil = TestVigil.builder(endpoint).metrics(metrics).install(); // every other setting at its default
        exportFailures(5);

        List<LogRecord> lines = linesAbout(endpoint + "/v1/traces");
        assertThat(lines).as(logs.text()).hasSize(1);
        assertThat(lines.get(0).getMessage()).contains("connection refused").contains("vigil.dropped");
        assertThat(lines.get(0).getThrown()).isNull();
        assertNothingFromTheSdk();

        for (int i = 0; i < 10; i++) {
            vigil.observation("late").start().close();
        }
        long started = System.nanoTime();
        vigil.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(closeMillis).as("close() with a refusing collector").isLessThan(1_000);
        assertThat(metrics.sum(EXPORT_FAILED)).isGreaterThanOrEqualTo(15);
        assertThat(linesAbout(endpoint)).hasSize(1);
        assertNothingFromTheSdk();
    }

    @Test
    void aSilentCollectorTimesOutInOneLineAndIsCutOffAtTheShutdownTimeout() throws Exception {
        try (SilentCollector collector = new SilentCollector()) {
            vigil = TestVigil.builder(collector.endpoint()).metrics(metrics)
                    .property("otel.exporter.otlp.timeout", "200")
                    .install();
            exportFailures(2);
            assertThat(linesAbout(collector.endpoint())).as(logs.text()).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("no answer within the export timeout of 200 ms"));
            assertNothingFromTheSdk();
            TestVigil.close(vigil);

            // Now a collector that holds the export longer than close may wait.
            vigil = TestVigil.builder(collector.endpoint()).metrics(metrics)
                    .property("otel.exporter.otlp.timeout", "60000")
                    .property("otel.bsp.schedule.delay", "600000")
                    .property("vigil.shutdown.timeout-ms", "500")
                    .install();
            vigil.observation("held").start().close();
            long started = System.nanoTime();
            vigil.close();
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(closeMillis).as("close() with a silent collector").isBetween(400L, 500L + 400L);
            // Cancelled within the timeout, early enough that its span is still counted before metrics close.
            assertThat(linesAbout(collector.endpoint())).as(logs.text()).hasSize(2).last()
                    .satisfies(r -> assertThat(r.getMessage()).contains("cancelled at close"));
            assertThat(metrics.sum(EXPORT_FAILED)).isEqualTo(3);
            assertThat(logs.text()).doesNotContain("after Vigil.close()");
            assertNothingFromTheSdk();
        }
    }

    @Test
    void aCollectorAnsweringAnErrorIsNamedByItsStatus() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            vigil = TestVigil.builder(endpoint).metrics(metrics).install();
            exportFailures(3);
            assertThat(linesAbout(endpoint)).as(logs.text()).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("the collector answered HTTP 401"));
            assertNothingFromTheSdk();
        } finally {
            server.stop(0);
        }
    }

    /** Ends one span at a time and waits for its export to fail, {@code n} times: n failed exports, in order. */
    private void exportFailures(int n) throws InterruptedException {
        for (int i = 1; i <= n; i++) {
            vigil.observation("order").start().close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (metrics.sum(EXPORT_FAILED) < i && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(metrics.sum(EXPORT_FAILED)).as("failed exports").isEqualTo(i);
        }
    }

    private List<LogRecord> linesAbout(String endpoint) {
        List<LogRecord> found = new CopyOnWriteArrayList<>();
        for (LogRecord r : logs.from("dev.vigil")) {
            if (r.getMessage().contains(endpoint)) {
                found.add(r);
            }
        }
        return found;
    }

    private void assertNothingFromTheSdk() {
        assertThat(logs.from("io.opentelemetry")).as(logs.text())
                .noneMatch(r -> r.getLevel().intValue() >= Level.INFO.intValue());
        assertThat(logs.from("okhttp3")).as(logs.text()).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again before use: connections are refused
        }
    }

    /** Accepts connections and never answers, as a collector that hangs. */
    private static final class SilentCollector implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-collector");

        SilentCollector() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void accept() {
            try {
                while (!server.isClosed()) {
                    held.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
