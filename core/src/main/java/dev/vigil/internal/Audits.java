package dev.vigil.internal;

import dev.vigil.spi.AuditRecord;
import dev.vigil.spi.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Routes audit events to the {@link AuditSink}s on the class path, found once per JVM; without any, to the
 * {@link System.Logger} named {@code audit} as one JSON line at INFO, so an event is never silently lost even when
 * no logging module is present. A sink that throws is warned about and the event goes to that logger instead.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class Audits {
    private static final System.Logger FALLBACK = System.getLogger("audit");
    private static volatile List<AuditSink> sinks;

    private Audits() {
    }

    /**
     * Redacts one audit value before it leaves core, with the installed policy ({@code Redaction.defaults()} before
     * install): the whole value of a sensitive key, the secrets inside any other.
     *
     * @param key the field's key
     * @param value the value
     * @return the value as it may leave the process
     */
    public static String redact(String key, String value) {
        return dev.vigil.Vigil.global().redaction().redactValue(key, value);
    }

    /**
     * Writes an event to every sink.
     *
     * @param record the event
     */
    public static void write(AuditRecord record) {
        List<AuditSink> s = sinks;
        if (s == null) {
            s = load();
        }
        if (s.isEmpty()) {
            fallback(record);
            return;
        }
        for (AuditSink sink : s) {
            try {
                sink.write(record);
            } catch (RuntimeException | LinkageError e) {
                ApiWarnings.warn("audit-sink", "audit sink " + sink.getClass().getName() + " failed (" + e.getClass().getName()
                        + "); the event went to the System.Logger 'audit' instead");
                fallback(record);
            }
        }
    }

    /**
     * @return true when an audit sink (such as the one {@code vigil-logging-json} provides) is on the class path;
     *     conventions that audit only where a logging module is present ask this first
     */
    public static boolean hasSinks() {
        List<AuditSink> s = sinks;
        return !(s == null ? load() : s).isEmpty();
    }

    private static void fallback(AuditRecord record) {
        try {
            FALLBACK.log(System.Logger.Level.INFO, record.toJson());
        } catch (RuntimeException | LinkageError ignored) {
            // the platform logger is broken; nothing safer is left, and the host must not see it
        }
    }

    private static synchronized List<AuditSink> load() {
        if (sinks == null) {
            List<AuditSink> found = new ArrayList<>();
            try {
                for (AuditSink sink : ServiceLoader.load(AuditSink.class, AuditSink.class.getClassLoader())) {
                    found.add(sink);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                ApiWarnings.warn("audit-sink", "an audit sink could not be loaded (" + e.getClass().getName()
                        + "); audit events go to the System.Logger 'audit'");
            }
            sinks = List.copyOf(found);
        }
        return sinks;
    }
}
