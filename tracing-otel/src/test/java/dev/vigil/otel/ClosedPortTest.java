package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** An exporter that can never connect leaves the application unaffected: bounded queue, counted drops, timely close. */
class ClosedPortTest {

    @Test
    void oneHundredThousandSpansToAClosedPortNeverHurtTheCaller() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again before the test starts: connections are refused
        }
        CountingMetrics metrics = new CountingMetrics();
        Vigil vigil = TestVigil.builder("http://127.0.0.1:" + port)
                .property("otel.bsp.schedule.delay", "5000")
                .metrics(metrics)
                .install();
        try {
            Runtime rt = Runtime.getRuntime();
            System.gc(); // a hint, for a steadier baseline: the bound below is far above what 2048 spans take
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            long started = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {
                try (Observation o = vigil.observation("order").tag("i", "x").start()) {
                    assertThat(o.spanContext().isSampled()).isTrue();
                }
            }
            long recordMillis = (System.nanoTime() - started) / 1_000_000;
            System.gc();
            long heapGrowth = rt.totalMemory() - rt.freeMemory() - heapBefore;

            assertThat(heapGrowth).isLessThan(64L * 1024 * 1024); // 2048 queued spans, not 100,000
            assertThat(recordMillis).isLessThan(20_000);
        } finally {
            long closing = System.nanoTime();
            TestVigil.close(vigil);
            // The default shutdown timeout is 10 s: a refused connection is not retried, so close need not wait.
            assertThat((System.nanoTime() - closing) / 1_000_000).isLessThan(1_000);
        }
        // Every span is accounted for once close has flushed the queue: dropped when it was full, or failed to export.
        double queueFull = metrics.sum("COUNTER vigil.dropped{backend=otel,reason=queue_full}");
        double exportFailed = metrics.sum("COUNTER vigil.dropped{backend=otel,reason=export_failed}");
        assertThat(queueFull + exportFailed).isEqualTo(100_000);
    }
}
