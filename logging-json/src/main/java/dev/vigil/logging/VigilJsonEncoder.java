package dev.vigil.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.logstash.logback.composite.AbstractCompositeJsonFormatter;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventCompositeJsonFormatter;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Vigil's JSON line, as a Logback encoder built on logstash-logback-encoder's composite encoder: one JSON object
 * per line with {@code timestamp, level, logger, thread, message, service, environment, version, trace_id, span_id,
 * trace_flags, context}, SLF4J key-values and structured arguments as top-level fields, {@code error} and
 * {@code audit}; every value redacted by core's policy; no line longer than {@code maxLineBytes}.
 *
 * <p>Use it in your own {@code logback.xml} (the zero-configuration setup uses it too):
 * <pre>{@code
 * <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.vigil.logging.VigilJsonEncoder">
 *     <format>json</format>              <!-- or ecs; default from vigil.logging.format -->
 *     <maxLineBytes>16384</maxLineBytes> <!-- default from vigil.logging.max-line-bytes -->
 *   </encoder>
 * </appender>
 * }</pre>
 * Put it behind {@link VigilAsyncAppender}, not Logback's {@code AsyncAppender}: Vigil's appender captures the trace
 * and context on the logging thread; behind Logback's the lines carry no trace fields (never a wrong one).
 *
 * <p>Over the cap, the stack trace is shortened first, then the message; if the line is still too long (huge
 * key-values or MDC), only timestamp, level, logger and the shortened message are kept, with {@code "truncated":true}.
 * A line is never split.
 */
public final class VigilJsonEncoder extends LoggingEventCompositeJsonEncoder {
    private String format;
    private Integer maxLineBytes;
    private FieldNames names = FieldNames.JSON;
    private int cap = 16_384;
    private boolean decorated;

    /** Creates the encoder; Logback calls this for {@code <encoder class="dev.vigil.logging.VigilJsonEncoder">}. */
    public VigilJsonEncoder() {
    }

    /** @param format {@code json} (Vigil's names) or {@code ecs} (Elastic Common Schema) */
    public void setFormat(String format) {
        this.format = format;
    }

    /** @param maxLineBytes the most bytes of one line, newline included; at least 1024 */
    public void setMaxLineBytes(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected AbstractCompositeJsonFormatter<ILoggingEvent> createFormatter() {
        return new Formatter(this);
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        LogSettings settings;
        try {
            settings = LogSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            addError(e.getMessage() + "; using the defaults");
            settings = LogSettings.defaults();
        }
        boolean ecs = format == null ? settings.ecs : format.trim().equalsIgnoreCase("ecs");
        names = ecs ? FieldNames.ECS : FieldNames.JSON;
        cap = Math.max(1_024, maxLineBytes == null ? settings.maxLineBytes : maxLineBytes);
        if (getProviders().getProviders().isEmpty()) {
            setProviders(providers(names));
        }
        if (!decorated) {
            getJsonGeneratorDecorator().addDecorator(RedactingJsonGenerator::new);
            decorated = true;
        }
        setLineSeparator("\n");
        super.start();
    }

    static JsonProviders<ILoggingEvent> providers(FieldNames names) {
        JsonProviders<ILoggingEvent> p = new JsonProviders<>();
        LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
        timestamp.setFieldName(names.timestamp);
        timestamp.setPattern("[ISO_INSTANT]");
        timestamp.setTimeZone("UTC");
        p.addProvider(timestamp);
        LogLevelJsonProvider level = new LogLevelJsonProvider();
        level.setFieldName(names.level);
        p.addProvider(level);
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName(names.logger);
        p.addProvider(logger);
        LoggingEventThreadNameJsonProvider thread = new LoggingEventThreadNameJsonProvider();
        thread.setFieldName(names.thread);
        p.addProvider(thread);
        p.addProvider(new LineProviders.Message(names));
        p.addProvider(new LineProviders.Service(names));
        p.addProvider(new LineProviders.Trace(names));
        p.addProvider(new LineProviders.ContextFields(names));
        p.addProvider(new KeyValuePairsJsonProvider());      // field name null: top-level fields
        p.addProvider(new ArgumentsJsonProvider());          // structured arguments only, top-level
        p.addProvider(new ErrorProvider(names));
        p.addProvider(new LineProviders.Audit(names));
        return p;
    }

    /** @return the byte cap in force */
    int cap() {
        return cap;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        CapturedEvent c = event instanceof CapturedEvent ? (CapturedEvent) event
                : new CapturedEvent(event, CapturedEvent.contextOf(event));
        c.resetBudgets();
        byte[] line = super.encode(c);
        for (int attempt = 0; line.length > cap && attempt < 6; attempt++) {
            long excess = line.length - cap + 2L * Shortening.STACK_MARK.length(); // the marker, escaped, comes in
            if (c.stackWritten > 0 && c.stackBudget > 0 && c.stackText != null) {
                c.stackBudget = Shortening.keepFor(c.stackText, Math.min(c.stackBudget, c.stackWritten), excess);
            } else if (c.messageWritten > 0 && c.messageBudget > 0) {
                String m = LogRedaction.redact(c.getFormattedMessage());
                c.messageBudget = Shortening.keepFor(m, Math.min(c.messageBudget, c.messageWritten), excess);
            } else {
                break;
            }
            line = super.encode(c);
        }
        if (line.length > cap) {
            line = minimal(c);
        }
        c.stackText = null;
        return line;
    }

    @Override
    public void encode(ILoggingEvent event, OutputStream outputStream) throws IOException {
        outputStream.write(encode(event));
    }

    /** The last resort: the fields that identify the line, and as much of the redacted message as fits. */
    private byte[] minimal(ILoggingEvent event) {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        StringBuilder b = new StringBuilder(256);
        b.append("{\"").append(names.timestamp).append("\":\"").append(Instant.ofEpochMilli(event.getTimeStamp())).append("\",\"")
                .append(names.level).append("\":\"").append(event.getLevel()).append("\",\"").append(names.logger).append("\":\"");
        String logger = event.getLoggerName() == null ? "" : event.getLoggerName();
        json.quoteAsString(logger.length() > 256 ? logger.substring(0, 256) : logger, b);
        b.append("\",\"truncated\":true,\"").append(names.message).append("\":\"");
        int room = cap - b.length() - 16;
        String m = LogRedaction.redact(event.getFormattedMessage());
        StringBuilder quoted = new StringBuilder();
        json.quoteAsString(m == null ? "" : m, quoted);
        if (quoted.length() > room / 3) {
            // escaped text may be up to 3 bytes per char in UTF-8: keep a third of the room, cut outside an escape
            int keep = Math.max(0, room / 3);
            int backslash = quoted.lastIndexOf("\\", keep);
            if (backslash >= 0 && backslash > keep - 6) {
                keep = backslash;
            }
            quoted.setLength(keep);
        }
        b.append(quoted).append("\"}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Resets the redacting generator per event, so an event that failed half-way cannot leave the next one masked. */
    private static final class Formatter extends LoggingEventCompositeJsonFormatter {
        Formatter(VigilJsonEncoder encoder) {
            super(encoder);
        }

        @Override
        protected void writeEventToGenerator(JsonGenerator generator, ILoggingEvent event) throws IOException {
            if (generator instanceof RedactingJsonGenerator) {
                ((RedactingJsonGenerator) generator).reset();
            }
            super.writeEventToGenerator(generator, event);
        }
    }
}
