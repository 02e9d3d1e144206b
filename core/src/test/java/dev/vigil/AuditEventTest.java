package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.context.ContextEntries;
import dev.vigil.context.ContextPropagation;
import dev.vigil.context.Scope;
import dev.vigil.spi.AuditRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audit events reach the discovered sink pseudonymised, in order, and a broken sink loses nothing. */
@SuppressWarnings("try")
class AuditEventTest {
    @BeforeEach
    void install() {
        RecordingAuditSink.RECORDS.clear();
        RecordingAuditSink.failing = false;
        Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id-key", "0123456789abcdef-test-key").install();
    }

    @AfterEach
    void reset() {
        RecordingAuditSink.failing = false;
        Vigil old = Vigil.resetGlobalForTest();
        if (old != null) {
            old.close();
        }
    }

    @Test
    void anEventReachesTheSinkWithThePseudonymOfContextUser() {
        Vigil.global().audit("auth.login").actor("user-789").target("account/42").outcome(AuditOutcome.FAILURE)
                .field("method", "password").field("reason", "bad_password").log();

        assertThat(RecordingAuditSink.RECORDS).hasSize(1);
        AuditRecord r = RecordingAuditSink.RECORDS.get(0);
        assertThat(r.toJson()).isEqualTo("{\"action\":\"auth.login\",\"actor\":\"9cf36f150d071eca\",\"target\":\"account/42\","
                + "\"outcome\":\"failure\",\"method\":\"password\",\"reason\":\"bad_password\"}");
        try (Scope u = ContextPropagation.get().user("user-789")) {
            assertThat(ContextEntries.current().get(ContextPropagation.USER_ID)).isEqualTo(r.actor());
        }
    }

    @Test
    void theNoOpVigilAuditsToo() {
        Vigil.noop().audit("admin.user.delete").actor("root").outcome(AuditOutcome.SUCCESS).log();
        assertThat(RecordingAuditSink.RECORDS).extracting(AuditRecord::action).containsExactly("admin.user.delete");
        assertThat(RecordingAuditSink.RECORDS.get(0).outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    void badInputIsDroppedWithAWarningAndTheEventStillGoesOut() {
        try (WarningCollector w = new WarningCollector()) {
            AuditEvent e = Vigil.global().audit("data.export").field("actor", "spoofed").field(null, "x").field("rows", null)
                    .field("format", "csv").field("format", "json");
            e.log();
            e.log();
            Vigil.global().audit(" ").actor("x").log();

            assertThat(RecordingAuditSink.RECORDS).hasSize(1);
            assertThat(RecordingAuditSink.RECORDS.get(0).toJson())
                    .isEqualTo("{\"action\":\"data.export\",\"outcome\":\"unknown\",\"format\":\"json\"}");
            assertThat(w.kinds).contains("invalid-audit");
        }
    }

    @Test
    void aThrowingSinkHandsTheEventToTheAuditSystemLogger() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jul = Logger.getLogger("audit");
        jul.addHandler(handler);
        RecordingAuditSink.failing = true;
        try (WarningCollector w = new WarningCollector()) {
            Vigil.global().audit("auth.logout").log();
            assertThat(lines).containsExactly("{\"action\":\"auth.logout\",\"outcome\":\"unknown\"}");
            assertThat(w.kinds).containsExactly("audit-sink");
        } finally {
            jul.removeHandler(handler);
        }
    }
}
