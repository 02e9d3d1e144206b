package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Database spans as a real OTLP receiver sees them: names, kind, SQL-derived attributes, sanitized text, errors. */
@SuppressWarnings("try") // observations opened for their effect
class DbSpansTest {
    private OtlpReceiver receiver;
    private Vigil vigil;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    private static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void statementsAreClientSpansUnderTheCallerWithSanitizedTextWhenAskedFor() throws Exception {
        vigil = TestVigil.builder(receiver.endpoint()).property("vigil.db.query-text", "true")
                .metrics(new CountingMetrics()).install();
        DataSource ds = vigil.db().dataSource(h2("spans"));
        String checkoutSpan;
        try (Observation checkout = vigil.observation("checkout").start();
             Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            checkoutSpan = checkout.spanContext().spanIdHex();
            s.execute("CREATE TABLE orders (id INT, status VARCHAR(10))");
            s.executeUpdate("INSERT INTO orders VALUES (1, 'paid'), (2, 'open')");
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id FROM orders WHERE status = 'paid' AND id IN (1, 2, 3) AND id > ?")) {
                p.setInt(1, 0);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM missing")).isInstanceOf(SQLException.class);
        }
        receiver.await(5);
        Span select = receiver.named("SELECT orders");
        assertThat(select.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(OtlpReceiver.hex(select.getParentSpanId())).isEqualTo(checkoutSpan);
        assertThat(OtlpReceiver.attributes(select)).containsAllEntriesOf(Map.of(
                "db.system.name", "h2database",
                "db.namespace", "SPANS",
                "db.operation.name", "SELECT",
                "db.collection.name", "orders",
                "db.query.summary", "SELECT orders",
                "db.query.text", "SELECT id FROM orders WHERE status = ? AND id IN (?) AND id > ?"));
        assertThat(OtlpReceiver.attributes(receiver.named("INSERT orders")))
                .containsEntry("db.query.text", "INSERT INTO orders VALUES (?, ?), (?, ?)");
        Span failed = receiver.named("SELECT missing");
        assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.attributes(failed))
                .containsEntry("error.type", "org.h2.jdbc.JdbcSQLSyntaxErrorException")
                .containsEntry("db.response.status_code", "42S02"); // H2: table not found (42S04 when the schema is empty)
    }

    @Test
    void queryTextIsOffByDefault() throws Exception {
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).install();
        DataSource ds = vigil.db().dataSource(h2("quiet"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 42");
        }
        Span span = receiver.await(1).get(0);
        assertThat(span.getName()).isEqualTo("SELECT");
        assertThat(OtlpReceiver.attributes(span)).doesNotContainKey("db.query.text")
                .containsEntry("db.operation.name", "SELECT");
    }
}
