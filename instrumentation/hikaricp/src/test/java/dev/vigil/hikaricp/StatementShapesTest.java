package dev.vigil.hikaricp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Statement shapes beyond the plain query: mixed batches, execute() with a result set, unwrap, unreadable SQL. */
class StatementShapesTest {
    @Test
    void batchesExecuteAndUnwrapBehaveAndAreRecorded() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:shapes;DB_CLOSE_DELAY=-1");
            DataSource ds = vigil.db().dataSource(h2);
            assertThat(ds.unwrap(JdbcDataSource.class)).isSameAs(h2);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id INT)");
                s.addBatch("INSERT INTO items VALUES (1)");
                s.addBatch("INSERT INTO items VALUES (2)");
                assertThat(s.executeBatch()).containsExactly(1, 1);
                s.addBatch("INSERT INTO items VALUES (3)");
                s.addBatch("DELETE FROM items WHERE id = 1");
                assertThat(s.executeBatch()).containsExactly(1, 1);
                assertThat(s.execute("SELECT id FROM items")).isTrue();
                try (ResultSet rs = s.getResultSet()) {
                    assertThat(rs.getStatement()).isSameAs(s);
                    while (rs.next()) {
                        assertThat(rs.getInt(1)).isPositive();
                    }
                }
                try (PreparedStatement p = c.prepareStatement("EXPLAIN SELECT * FROM items")) {
                    assertThat(p.execute()).isTrue();
                }
                assertThat(s.getConnection()).isSameAs(c);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.scrapeSource().scrape(null, out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains(
                    "db_client_operation_duration_seconds_count{db_collection_name=\"items\",db_namespace=\"SHAPES\","
                            + "db_operation_name=\"BATCH INSERT\",db_query_summary=\"BATCH INSERT items\","
                            + "db_system_name=\"h2database\"} 1",
                    // a mixed batch and an unreadable statement: no operation, no summary, still timed
                    "db_client_operation_duration_seconds_count{db_namespace=\"SHAPES\",db_system_name=\"h2database\"} 2",
                    "db_client_response_returned_rows_sum{db_collection_name=\"items\",db_namespace=\"SHAPES\","
                            + "db_operation_name=\"SELECT\",db_query_summary=\"SELECT items\",db_system_name=\"h2database\"} 2.0");
        }
    }
}
