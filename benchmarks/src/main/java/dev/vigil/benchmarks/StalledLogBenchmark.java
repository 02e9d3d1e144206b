package dev.vigil.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.vigil.logging.VigilAsyncAppender;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An INFO call while the sink is stalled: Vigil's appender must drop it at once, never wait. Sampled per call, so
 * the percentiles of the caller's time show; target p99 &lt; 50 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class StalledLogBenchmark {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("shop.Load");
    private final CountDownLatch release = new CountDownLatch(1);
    private VigilAsyncAppender async;

    /** A sink that blocks until the trial ends, behind Vigil's appender with a full queue. */
    @Setup
    public void setUp() {
        AppenderBase<ILoggingEvent> stalled = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        stalled.setContext(context);
        stalled.start();
        async = new VigilAsyncAppender();
        async.setContext(context);
        async.setQueueSize(1024);
        async.addAppender(stalled);
        async.start();
        logger.setAdditive(false);
        logger.addAppender(async);
        for (int i = 0; i < 2_000; i++) {
            logger.info("fill {}", i); // the writer blocks on the first; the queue is then full
        }
    }

    /** Frees the writer. */
    @TearDown
    public void tearDown() {
        release.countDown();
        async.stop();
    }

    /** One INFO call against a full queue. */
    @Benchmark
    public void infoWhileStalled() {
        logger.info("request {} done", 42);
    }
}
