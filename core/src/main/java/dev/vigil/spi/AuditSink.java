package dev.vigil.spi;

/**
 * Where audit events go. Found with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.vigil.spi.AuditSink})
 * once per JVM, the first time an event is logged, so that audit works before {@code install()} too: the
 * logging module ships one that writes to the {@code audit} logger. Without any, core writes each event as one
 * JSON line to the {@link System.Logger} named {@code audit}.
 *
 * <p>An audit trail must not lose events: an implementation may block for a bounded time, and writes the event
 * synchronously rather than drop it.
 */
public interface AuditSink {
    /**
     * Writes one event. Core catches anything thrown and writes the event to the {@code audit} System.Logger instead.
     *
     * @param record the event, already pseudonymised and redacted
     */
    void write(AuditRecord record);
}
