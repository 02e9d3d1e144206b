package dev.vigil.logging;

import dev.vigil.spi.AuditRecord;
import dev.vigil.spi.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code vigil.audit(...)} events to the SLF4J logger {@code audit} at INFO with the {@code AUDIT} marker;
 * the record rides as the last argument and becomes the line's {@code audit} object. Discovered by core with
 * {@link java.util.ServiceLoader}; with Vigil's appender the line is never dropped (see {@link VigilAsyncAppender}).
 */
public final class LogbackAuditSink implements AuditSink {
    private static final Logger AUDIT = LoggerFactory.getLogger(AuditSupport.LOGGER);

    /** Creates the sink; called by {@link java.util.ServiceLoader}. */
    public LogbackAuditSink() {
    }

    @Override
    public void write(AuditRecord record) {
        AUDIT.info(AuditSupport.MARKER, "{} {}", record.action(), record.outcome().value(), record);
    }
}
