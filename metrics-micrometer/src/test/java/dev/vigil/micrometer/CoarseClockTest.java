package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The owned registry's wall clock: follows the system clock, and its thread lives exactly while a clock is open. */
class CoarseClockTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void wallTimeAdvancesWithTheSystemClockAndIsNeverAhead() {
        CoarseClock.Ticking group = new CoarseClock.Ticking();
        CoarseClock clock = CoarseClock.open(group);
        try {
            long first = clock.wallTime();
            assertThat(first).isLessThanOrEqualTo(System.currentTimeMillis());
            long end = System.nanoTime() + DEADLINE_NANOS;
            // Awaits the next ticks (a signal, bounded in time), however busy the machine.
            while (clock.wallTime() < first + 3 * CoarseClock.TICK_MILLIS && System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            long later = clock.wallTime();
            assertThat(later).isGreaterThanOrEqualTo(first + 3 * CoarseClock.TICK_MILLIS)
                    .isLessThanOrEqualTo(System.currentTimeMillis());
            assertThat(clock.monotonicTime()).isLessThanOrEqualTo(System.nanoTime());
        } finally {
            clock.close();
        }
    }

    @Test
    void theThreadEndsWithTheLastOpenClockAndClosingTwiceCountsOnce() throws InterruptedException {
        CoarseClock.Ticking group = new CoarseClock.Ticking();
        CoarseClock a = CoarseClock.open(group);
        CoarseClock b = CoarseClock.open(group);
        Thread thread = group.thread();
        assertThat(thread).isNotNull();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("vigil-metrics-clock");

        a.close();
        a.close();
        assertThat(group.thread()).isSameAs(thread);
        assertThat(thread.isAlive()).isTrue();

        b.close();
        assertThat(group.thread()).isNull();
        thread.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NANOS));
        assertThat(thread.isAlive()).isFalse();
        long before = System.currentTimeMillis();
        long read = b.wallTime();
        assertThat(read).isBetween(before, System.currentTimeMillis()); // the system clock, once no thread ticks

        CoarseClock c = CoarseClock.open(group);
        assertThat(group.thread()).isNotNull().isNotSameAs(thread);
        c.close();
    }

    @Test
    void theOwnedRegistryUsesItAndStillTimesDurationsExactly() {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        assertThat(metrics.registry().config().clock()).isInstanceOf(CoarseClock.class);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build()) {
            vigil.kpi("jobs.duration").timer().recordNanos(TimeUnit.MILLISECONDS.toNanos(1500));
            Timer timer = metrics.registry().get("jobs.duration").timer();
            assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
            assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.scrapeSource().scrape(null, out);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("jobs_duration_seconds_max 1.5");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
