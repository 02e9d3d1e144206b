package dev.vigil.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.StackHashJsonProvider;
import net.logstash.logback.composite.loggingevent.ThrowableClassNameJsonProvider;
import net.logstash.logback.composite.loggingevent.ThrowableMessageJsonProvider;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import tools.jackson.core.JsonGenerator;

/**
 * The {@code error} object, present only when the event has a throwable: {@code type}, {@code message},
 * {@code stack_trace} and {@code stack_hash}. Type, message and hash are logstash-logback-encoder's providers; the
 * stack trace is its {@link ShortenedThrowableConverter} with every throwable's message (causes and suppressed
 * included) redacted before the text is assembled, then cut to the event's budget. In ECS form the same fields are
 * written flat ({@code error.type}, ...).
 */
final class ErrorProvider extends AbstractJsonProvider<ILoggingEvent> {
    private final FieldNames names;
    private final JsonProviders<ILoggingEvent> parts = new JsonProviders<>();
    private final ShortenedThrowableConverter converter = new RedactingThrowableConverter();
    private final StackHashJsonProvider hash = new StackHashJsonProvider();

    ErrorProvider(FieldNames names) {
        this.names = names;
        ThrowableClassNameJsonProvider type = new ThrowableClassNameJsonProvider();
        type.setFieldName(names.errorType);
        type.setUseSimpleClassName(false);
        ThrowableMessageJsonProvider message = new ThrowableMessageJsonProvider();
        message.setFieldName(names.errorMessage);
        parts.addProvider(type);
        parts.addProvider(message);
    }

    @Override
    public void start() {
        parts.setContext(getContext());
        hash.setContext(getContext());
        hash.setFieldName(names.stackHash);
        converter.setContext(getContext());
        converter.start();
        parts.start();
        hash.start();
        super.start();
    }

    @Override
    public void stop() {
        parts.stop();
        hash.stop();
        converter.stop();
        super.stop();
    }

    @Override
    public void writeTo(JsonGenerator g, ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return;
        }
        if (!names.ecs) {
            g.writeName(names.error);
            g.writeStartObject();
        }
        parts.writeTo(g, event);
        String stack = stackTrace(event);
        LineProviders.trusted(g, names.stackTrace, stack);
        hash.writeTo(g, event);
        if (!names.ecs) {
            g.writeEndObject();
        }
    }

    private String stackTrace(ILoggingEvent event) {
        if (!(event instanceof CapturedEvent)) {
            return converter.convert(event);
        }
        CapturedEvent c = (CapturedEvent) event;
        String full = c.stackText;
        if (full == null) {
            full = converter.convert(event);
            c.stackText = full;
        }
        c.stackWritten = full.length();
        return full.length() > c.stackBudget ? Shortening.cut(full, c.stackBudget, true) : full;
    }

    /** Redacts each throwable's message where the converter reads it: the top one, every cause, every suppressed. */
    static final class RedactingThrowableConverter extends ShortenedThrowableConverter {
        @Override
        protected String getMessage(IThrowableProxy throwableProxy, ILoggingEvent event) {
            return LogRedaction.redact(super.getMessage(throwableProxy, event));
        }
    }
}
