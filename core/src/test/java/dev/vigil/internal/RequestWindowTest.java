package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestWindowTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final RequestWindow window = new RequestWindow(Duration.ofMinutes(5), 10, 3, now::get);

    private static long ms(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void countsFailuresAndSuccessRatePerRouteAndInTotal() {
        for (int i = 0; i < 8; i++) {
            window.record("/orders", false, ms(10));
        }
        window.record("/orders", true, ms(10));
        window.record("/orders", true, ms(10));
        window.record(null, false, ms(1));
        RequestWindow.Snapshot s = window.snapshot();
        assertThat(s.total().count()).isEqualTo(11);
        assertThat(s.total().failures()).isEqualTo(2);
        assertThat(s.routes()).extracting(RequestWindow.Stats::route).containsExactly("/orders", RequestWindow.NO_ROUTE);
        assertThat(s.routes().get(0).successRate()).isEqualTo(0.8);
        assertThat(s.seconds()).isEqualTo(300.0);
    }

    @Test
    void p95IsInterpolatedInsideItsBucket() {
        for (int i = 0; i < 90; i++) {
            window.record("/a", false, ms(3));    // bucket (0, 5]
        }
        for (int i = 0; i < 10; i++) {
            window.record("/a", false, ms(450));  // bucket (400, 500]
        }
        RequestWindow.Stats a = window.snapshot().routes().get(0);
        // Rank 95 is the 5th of 10 requests in (400, 500]: 400 + 100 * 5 / 10.
        assertThat(a.quantileMs(0.95)).isEqualTo(450.0);
        assertThat(a.quantileMs(0.5)).isCloseTo(2.78, org.assertj.core.api.Assertions.within(0.01));
        window.record("/slow", false, ms(60_000));
        assertThat(window.snapshot().routes().get(1).quantileMs(0.95)).as("past the last bound").isEqualTo(10_000.0);
    }

    @Test
    void theShareAboveALatencyIsExactOnABoundAndInterpolatedInside() {
        for (int i = 0; i < 60; i++) {
            window.record("/a", false, ms(120));  // bucket (100, 150]
        }
        for (int i = 0; i < 40; i++) {
            window.record("/a", false, ms(600));  // bucket (500, 750]
        }
        RequestWindow.Stats a = window.snapshot().total();
        assertThat(a.fractionAbove(500)).isEqualTo(0.4);
        assertThat(a.fractionAbove(150)).isEqualTo(0.4);
        assertThat(a.fractionAbove(100)).isEqualTo(1.0);
        assertThat(a.fractionAbove(125)).as("half of (100, 150] is above 125").isEqualTo(0.7);
        assertThat(a.fractionAbove(20_000)).isZero();
    }

    @Test
    void oldSlicesLeaveTheWindow() {
        window.record("/a", true, ms(10));
        now.addAndGet(TimeUnit.MINUTES.toNanos(2));
        window.record("/a", false, ms(10));
        assertThat(window.snapshot().total().count()).isEqualTo(2);
        now.addAndGet(TimeUnit.MINUTES.toNanos(3) + 1);
        RequestWindow.Stats later = window.snapshot().total();
        assertThat(later.count()).as("the failure of 5 minutes ago is gone").isEqualTo(1);
        assertThat(later.failures()).isZero();
        now.addAndGet(TimeUnit.MINUTES.toNanos(10));
        assertThat(window.snapshot().total().count()).isZero();
        assertThat(window.snapshot().routes()).isEmpty();
    }

    @Test
    void routesPastTheCapFoldIntoOther() {
        for (String r : new String[] {"/a", "/b", "/c", "/d", "/e", "/e"}) {
            window.record(r, false, ms(1));
        }
        RequestWindow.Snapshot s = window.snapshot();
        assertThat(s.routes()).extracting(RequestWindow.Stats::route).containsExactly("/a", "/b", "/c", RequestWindow.OTHER);
        assertThat(s.routes().get(3).count()).isEqualTo(3);
        assertThat(s.total().count()).isEqualTo(6);
    }

    @Test
    void anEmptyWindowSucceedsWithNoLatency() {
        RequestWindow.Stats all = window.snapshot().total();
        assertThat(all.count()).isZero();
        assertThat(all.successRate()).isEqualTo(1.0);
        assertThat(all.quantileMs(0.95)).isZero();
    }

    @Test
    void recordingAKnownRouteAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < 20_000; i++) { // warm up: the route's row and the slice exist, the JIT has compiled record()
            window.record("/orders", i % 10 == 0, ms(i % 700));
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            window.record("/orders", i % 10 == 0, ms(i % 700));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The measurement itself allocates a little; 100,000 recordings with one object each would be > 1.6 MB.
        assertThat(allocated).as("bytes allocated by 100,000 recordings").isLessThan(64 * 1024);
    }
}
