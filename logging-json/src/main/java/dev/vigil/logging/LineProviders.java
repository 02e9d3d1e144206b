package dev.vigil.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.vigil.context.Context;
import dev.vigil.context.ContextEntries;
import dev.vigil.context.ContextPropagation;
import dev.vigil.spi.AuditRecord;
import dev.vigil.trace.SpanContext;
import java.util.Map;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/** Vigil's own field providers; the standard fields come from logstash-logback-encoder's providers. */
final class LineProviders {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LineProviders() {
    }

    /** Writes a value that Vigil produced or already redacted, without a second redaction pass. */
    static void trusted(JsonGenerator g, String name, String value) {
        if (g instanceof RedactingJsonGenerator) {
            ((RedactingJsonGenerator) g).writeTrustedString(name, value);
        } else {
            g.writeStringProperty(name, value);
        }
    }

    /** Base of the providers below: they need nothing at start and nothing before deferred processing. */
    abstract static class Base extends AbstractJsonProvider<ILoggingEvent> {
        final FieldNames names;

        Base(FieldNames names) {
            this.names = names;
        }
    }

    /** {@code service}, {@code environment}, {@code version} (and {@code ecs.version} in ECS form). */
    static final class Service extends Base {
        Service(FieldNames names) {
            super(names);
        }

        @Override
        public void writeTo(JsonGenerator g, ILoggingEvent event) {
            ServiceFields s = ServiceFields.current();
            trusted(g, names.service, s.name);
            if (s.environment != null) {
                trusted(g, names.environment, s.environment);
            }
            if (s.version != null) {
                trusted(g, names.version, s.version);
            }
            if (names.ecs) {
                trusted(g, "ecs.version", FieldNames.ECS_VERSION);
            }
        }
    }

    /** The message after formatting, redacted, then cut to the event's budget. */
    static final class Message extends Base {
        Message(FieldNames names) {
            super(names);
        }

        @Override
        public void writeTo(JsonGenerator g, ILoggingEvent event) {
            String m = LogRedaction.redact(event.getFormattedMessage());
            if (m == null) {
                return;
            }
            if (event instanceof CapturedEvent) {
                CapturedEvent c = (CapturedEvent) event;
                c.messageWritten = m.length();
                if (m.length() > c.messageBudget) {
                    m = Shortening.cut(m, c.messageBudget, false);
                }
            }
            trusted(g, names.message, m);
        }
    }

    /** {@code trace_id}, {@code span_id}, {@code trace_flags}: present exactly when a span was current. */
    static final class Trace extends Base {
        Trace(FieldNames names) {
            super(names);
        }

        @Override
        public void writeTo(JsonGenerator g, ILoggingEvent event) {
            SpanContext span = CapturedEvent.contextOf(event).span();
            if (!span.isValid()) {
                return;
            }
            trusted(g, names.traceId, span.traceIdHex());
            trusted(g, names.spanId, span.spanIdHex());
            if (names.traceFlags != null) {
                byte f = span.traceFlags();
                trusted(g, names.traceFlags, new String(new char[] {HEX[(f >> 4) & 0xf], HEX[f & 0xf]}));
            }
        }
    }

    /**
     * The {@code context} object: {@code vigil.context().put} entries, the user pseudonym and MDC entries (an entry
     * wins over an MDC key of the same name). In ECS form: {@code labels.<key>} and {@code user.id}.
     */
    static final class ContextFields extends Base {
        ContextFields(FieldNames names) {
            super(names);
        }

        @Override
        public void writeTo(JsonGenerator g, ILoggingEvent event) {
            Context ctx = CapturedEvent.contextOf(event);
            ContextEntries entries = ContextEntries.from(ctx);
            Map<String, String> mdc = event.getMDCPropertyMap();
            boolean hasMdc = mdc != null && !mdc.isEmpty();
            if (entries.isEmpty() && !hasMdc) {
                return;
            }
            if (names.ecs) {
                boolean auditActor = Audit.record(event) != null && Audit.record(event).actor() != null;
                for (int i = 0; i < entries.size(); i++) {
                    String k = entries.key(i);
                    if (k.equals(ContextPropagation.USER_ID)) {
                        if (!auditActor) {
                            g.writeStringProperty("user.id", entries.value(i));
                        }
                    } else {
                        g.writeStringProperty(label(k), entries.value(i));
                    }
                }
                if (hasMdc) {
                    for (Map.Entry<String, String> e : mdc.entrySet()) {
                        if (entries.get(e.getKey()) == null && e.getValue() != null) {
                            g.writeStringProperty(label(e.getKey()), e.getValue());
                        }
                    }
                }
                return;
            }
            g.writeName(names.context);
            g.writeStartObject();
            for (int i = 0; i < entries.size(); i++) {
                g.writeStringProperty(entries.key(i), entries.value(i));
            }
            if (hasMdc) {
                for (Map.Entry<String, String> e : mdc.entrySet()) {
                    if (entries.get(e.getKey()) == null && e.getValue() != null) {
                        g.writeStringProperty(e.getKey(), e.getValue());
                    }
                }
            }
            g.writeEndObject();
        }

        /** ECS labels are flat keyword fields: a dot in the key would make it an object path. */
        static String label(String key) {
            return "labels." + key.replace('.', '_');
        }
    }

    /** The {@code audit} object of an audit event; in ECS form {@code event.*}, {@code user.id} and {@code labels.*}. */
    static final class Audit extends Base {
        Audit(FieldNames names) {
            super(names);
        }

        static AuditRecord record(ILoggingEvent event) {
            Object[] args = event.getArgumentArray();
            if (args == null || args.length == 0 || !(args[args.length - 1] instanceof AuditRecord)) {
                return null;
            }
            return (AuditRecord) args[args.length - 1];
        }

        @Override
        public void writeTo(JsonGenerator g, ILoggingEvent event) {
            AuditRecord r = record(event);
            if (r == null || !AuditSupport.isAudit(event)) {
                return;
            }
            if (names.ecs) {
                trusted(g, "event.kind", "event");
                g.writeStringProperty("event.action", r.action());
                trusted(g, "event.outcome", r.outcome().value());
                if (r.actor() != null) {
                    g.writeStringProperty("user.id", r.actor());
                }
                if (r.target() != null) {
                    g.writeStringProperty("labels.target", r.target());
                }
                for (int i = 0; i < r.fieldCount(); i++) {
                    g.writeStringProperty(ContextFields.label(r.fieldKey(i)), r.fieldValue(i));
                }
                return;
            }
            g.writeName(names.audit);
            g.writeStartObject();
            g.writeStringProperty("action", r.action());
            if (r.actor() != null) {
                g.writeStringProperty("actor", r.actor());
            }
            if (r.target() != null) {
                g.writeStringProperty("target", r.target());
            }
            g.writeStringProperty("outcome", r.outcome().value());
            for (int i = 0; i < r.fieldCount(); i++) {
                g.writeStringProperty(r.fieldKey(i), r.fieldValue(i));
            }
            g.writeEndObject();
        }
    }
}
