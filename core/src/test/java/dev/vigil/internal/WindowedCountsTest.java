package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowedCountsTest {
    @Test
    void sumsTheLastWindowOnly() {
        AtomicLong now = new AtomicLong(123);
        WindowedCounts c = new WindowedCounts(2, Duration.ofMinutes(5), 10, now::get);
        c.add(0, 5);
        c.add(1, 2);
        c.add(1, 0);
        c.add(7, 1); // no such counter: ignored
        now.addAndGet(TimeUnit.MINUTES.toNanos(4));
        c.add(0, 1);
        assertThat(c.sums()).containsExactly(6, 2);
        now.addAndGet(TimeUnit.MINUTES.toNanos(1) + TimeUnit.SECONDS.toNanos(30));
        assertThat(c.sums()).containsExactly(1, 0);
        now.addAndGet(TimeUnit.MINUTES.toNanos(5));
        assertThat(c.sums()).containsExactly(0, 0);
    }
}
