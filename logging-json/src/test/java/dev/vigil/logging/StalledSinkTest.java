package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;
import tools.jackson.databind.JsonNode;

/** A stalled sink never holds a caller past its bound, drops are counted exactly, and WARN, ERROR and audit survive. */
class StalledSinkTest {
    private static final long SLACK_MS = 250; // scheduling noise on a loaded CI machine, on top of the bound
    private final Logger log = LoggerFactory.getLogger("shop.Load");
    private LogCapture capture;

    @AfterEach
    void tearDown() {
        capture.console.release();
        capture.close();
    }

    private LogCapture stalled(int queueSize) throws InterruptedException {
        capture = new LogCapture(Map.of("vigil.logging.queue-size", Integer.toString(queueSize),
                "vigil.logging.block-timeout-ms", "100", "vigil.logging.audit-timeout-ms", "200"));
        capture.console.stall();
        log.info("probe");
        assertThat(capture.console.awaitWriterStuck()).as("the writer thread is blocked in the sink").isTrue();
        return capture;
    }

    @Test
    void atHighRateInfoIsDroppedAndCountedWhileWarnErrorAndAuditAllArrive() throws Exception {
        stalled(1_024);
        long droppedBefore = LogDrops.total();
        long infoBefore = LogDrops.count(Level.INFO);
        int threads = 4;
        int perThread = 5_000;
        AtomicLong slowest = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        long start = System.nanoTime();
                        if (i % 500 == 250) {
                            log.warn("warn {} {}", id, i);
                        } else if (i % 500 == 499) {
                            log.error("error {} {}", id, i);
                        } else if (i % 2_500 == 1) {
                            log.info(MarkerFactory.getMarker("AUDIT"), "audit {} {}", id, i);
                        } else {
                            log.info("info {} {}", id, i);
                        }
                        slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + t).start();
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowest.get())).as("slowest call, ms").isLessThan(100 + SLACK_MS);

        capture.console.release();
        capture.flush();
        List<JsonNode> lines = capture.lines();
        long dropped = LogDrops.total() - droppedBefore;
        assertThat(dropped).as("lines dropped").isPositive().isEqualTo(threads * perThread + 1 - lines.size());
        assertThat(LogDrops.count(Level.INFO) - infoBefore).isEqualTo(dropped);
        assertThat(count(lines, "WARN")).isEqualTo(threads * 10);
        assertThat(count(lines, "ERROR")).isEqualTo(threads * 10);
        assertThat(lines.stream().filter(l -> l.get("message").asString().startsWith("audit"))).hasSize(threads * 2);
    }

    @Test
    void whenTheQueueIsFullWarnWaitsItsBoundThenDropsAndAuditIsWrittenSynchronously() throws Exception {
        stalled(16);
        long warnBefore = LogDrops.count(Level.WARN);
        for (int i = 0; i < 16; i++) {
            log.warn("fill {}", i); // the queue holds 16
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            log.warn("overflow {}", i);
            waits.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        assertThat(waits).allSatisfy(ms -> assertThat(ms).isBetween(90L, 100 + SLACK_MS));
        assertThat(LogDrops.count(Level.WARN) - warnBefore).isEqualTo(3);

        // The audit line waits its own bound, then is written on this thread: it blocks on the stalled sink until released.
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(600); // the stall the audit call must outlast; released by time on purpose
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            capture.console.release();
        });
        releaser.start();
        long start = System.nanoTime();
        log.info(MarkerFactory.getMarker("AUDIT"), "audit while full");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
        releaser.join(10_000);
        capture.flush();
        List<JsonNode> lines = capture.lines();
        assertThat(lines).extracting(l -> l.get("message").asString()).contains("audit while full").doesNotContain("overflow 0");
        assertThat(lines).hasSize(1 + 16 + 1);
        assertThat(capture.async.auditsWrittenSynchronously()).isEqualTo(1);
    }

    private static long count(List<JsonNode> lines, String level) {
        return lines.stream().filter(l -> l.get("level").asString().equals(level)).count();
    }
}
