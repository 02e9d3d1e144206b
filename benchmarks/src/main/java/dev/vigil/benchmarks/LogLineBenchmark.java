package dev.vigil.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.vigil.context.Context;
import dev.vigil.context.ContextPropagation;
import dev.vigil.context.Scope;
import dev.vigil.logging.VigilJsonEncoder;
import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.MDC;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * One INFO line with two context fields under an active trace, encoded by Vigil's encoder (redaction included) and by
 * a raw {@link LogstashEncoder} given the same fields (the trace ids and the two fields in the MDC, service, version
 * and environment as custom fields), both into the same discarding sink. Target: Vigil ≤ 1.2× time and B/op.
 *
 * <p>A third side encodes the same event through Spring Boot's structured logging in its {@code logstash} format
 * ({@link StructuredLogEncoder}), run without an application context: the encoder needs only a Spring
 * {@link Environment} in the Logback context, where Boot's logging system would have put it. It reads the same MDC
 * (Spring's format writes every MDC entry as a top-level member, as {@link LogstashEncoder} does) and adds service,
 * version and environment through {@code logging.structured.json.add.*}, Boot's own setting for extra members.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LogLineBenchmark {
    /** The SLF4J-bound context, so that the MDC the events read is the one {@link MDC} writes. */
    private final LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("shop.DocumentService");
    private final OutputStream sink = OutputStream.nullOutputStream();
    private VigilJsonEncoder vigil;
    private LogstashEncoder raw;
    private StructuredLogEncoder springBoot;
    private Scope span;
    private Scope requestId;
    private Scope userId;

    /** Both encoders, the trace and the two context fields on the benchmark thread. */
    @Setup
    public void setUp() {
        System.setProperty("vigil.service.name", "shop");
        System.setProperty("vigil.service.version", "1.4.2");
        System.setProperty("vigil.environment", "prod");
        vigil = new VigilJsonEncoder();
        vigil.setContext(context);
        vigil.setFormat("json");
        vigil.start();
        raw = new LogstashEncoder();
        raw.setContext(context);
        raw.setCustomFields("{\"service\":\"shop\",\"environment\":\"prod\",\"version\":\"1.4.2\"}");
        raw.start();
        context.putObject(Environment.class.getName(), springEnvironment());
        springBoot = new StructuredLogEncoder();
        springBoot.setContext(context);
        springBoot.setFormat("logstash");
        springBoot.start();

        SpanContext s = SpanContext.create(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L,
                SpanContext.FLAG_SAMPLED, TraceState.empty());
        span = Context.current().withSpan(s).makeCurrent();
        requestId = ContextPropagation.get().put("request_id", "req-456");
        userId = ContextPropagation.get().put("user_id", "3f1c0a9e5b7d2c44");
        MDC.put("trace_id", s.traceIdHex());
        MDC.put("span_id", s.spanIdHex());
        MDC.put("trace_flags", "01");
        MDC.put("request_id", "req-456");
        MDC.put("user_id", "3f1c0a9e5b7d2c44");
    }

    /** Restores the thread. */
    @TearDown
    public void tearDown() {
        userId.close();
        requestId.close();
        span.close();
        MDC.clear();
        vigil.stop();
        raw.stop();
        springBoot.stop();
    }

    /**
     * The Environment Boot's logging system would hand the encoder, holding only the extra members: the system
     * properties and environment variables are left out so that the machine cannot change what is measured.
     */
    private static StandardEnvironment springEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("benchmark", Map.of(
                "logging.structured.json.add.service", "shop",
                "logging.structured.json.add.environment", "prod",
                "logging.structured.json.add.version", "1.4.2")));
        return environment;
    }

    private LoggingEvent event() {
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "Document processed in {} ms", null, new Object[] {42});
    }

    /**
     * Vigil's line: trace fields and context read from core's context, every value redacted.
     *
     * @throws IOException never: the sink discards
     */
    @Benchmark
    public void vigilEncoder() throws IOException {
        sink.write(vigil.encode(event()));
    }

    /**
     * logstash-logback-encoder's default line with the same fields from the MDC.
     *
     * @throws IOException never: the sink discards
     */
    @Benchmark
    public void rawLogstashEncoder() throws IOException {
        sink.write(raw.encode(event()));
    }

    /**
     * Spring Boot's {@code logstash} structured format with the same fields, no application context.
     *
     * @throws IOException never: the sink discards
     */
    @Benchmark
    public void springBootLogstashFormat() throws IOException {
        sink.write(springBoot.encode(event()));
    }
}
