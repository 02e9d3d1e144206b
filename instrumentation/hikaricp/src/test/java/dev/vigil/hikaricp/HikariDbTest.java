package dev.vigil.hikaricp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SQL on H2 through HikariCP and a wrapped data source, asserted on the real Prometheus scrape. */
@SuppressWarnings("try") // a connection borrowed only to hold it
class HikariDbTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String H2 = "db_system_name=\"h2database\"";

    private MicrometerMetrics metrics;
    private Vigil vigil;
    private HikariDataSource hikari;

    @BeforeEach
    void start() {
        metrics = MicrometerMetrics.prometheus();
        vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics).build();
    }

    @AfterEach
    void stop() {
        if (hikari != null) {
            hikari.close();
        }
        vigil.close();
    }

    private HikariDataSource unstartedPool(String name, int size, long timeoutMillis) {
        hikari = new HikariDataSource();
        hikari.setJdbcUrl("jdbc:h2:mem:shop" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(timeoutMillis);
        return hikari;
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrapeSource().scrape(null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> lines(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void statementsCarryAttributesDerivedFromTheirSqlAndCountReturnedRows() throws Exception {
        DataSource ds = vigil.db().dataSource(unstartedPool("shop", 2, 1000));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, total) VALUES (?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    insert.setInt(1, i);
                    insert.setInt(2, i * 10);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).hasSize(3);
            }
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM orders WHERE total > ?")) {
                select.setInt(1, 5);
                int rows = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                assertThat(rows).isEqualTo(3);
            }
            assertThat(s.executeUpdate("UPDATE orders SET total = 0 WHERE id = 1")).isEqualTo(1);
        }
        String text = scrape();
        String select = "db_collection_name=\"orders\",db_namespace=\"" + namespace() + "\","
                + "db_operation_name=\"SELECT\",db_query_summary=\"SELECT orders\"," + H2;
        assertThat(lines(text, "db_client_operation_duration_seconds_count")).containsExactlyInAnyOrder(
                "db_client_operation_duration_seconds_count{" + select + "} 1",
                "db_client_operation_duration_seconds_count{" + select.replace("\"SELECT", "\"UPDATE") + "} 1",
                "db_client_operation_duration_seconds_count{" + select.replace("\"SELECT", "\"BATCH INSERT") + "} 1",
                "db_client_operation_duration_seconds_count{" + select.replace("\"SELECT", "\"CREATE TABLE") + "} 1");
        assertThat(lines(text, "db_client_operation_duration_seconds_bucket{" + select).stream()
                .map(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1")))
                .containsExactly("0.001", "0.005", "0.01", "0.05", "0.1", "0.5", "1.0", "5.0", "10.0", "+Inf");
        assertThat(text).contains("# TYPE db_client_response_returned_rows histogram",
                "db_client_response_returned_rows_sum{" + select + "} 3.0",
                "db_client_response_returned_rows_bucket{" + select + ",le=\"2.0\"} 0",
                "db_client_response_returned_rows_bucket{" + select + ",le=\"5.0\"} 1");
        assertThat(text).contains("# HELP db_client_operation_duration_seconds Duration of database client operations.");
    }

    private String namespace() {
        return "SHOP" + DATABASES.get();
    }

    @Test
    void aFailedStatementCarriesTheExceptionClassAndTheSqlState() throws Exception {
        DataSource ds = vigil.db().dataSource(unstartedPool("shop", 2, 1000));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM missing")).isInstanceOf(SQLException.class);
        }
        assertThat(lines(scrape(), "db_client_operation_duration_seconds_count")).containsExactly(
                "db_client_operation_duration_seconds_count{db_collection_name=\"missing\",db_namespace=\""
                        + namespace() + "\",db_operation_name=\"SELECT\",db_query_summary=\"SELECT missing\","
                        + "db_response_status_code=\"42S04\"," + H2
                        + ",error_type=\"org.h2.jdbc.JdbcSQLSyntaxErrorException\"} 1");
    }

    @Test
    void aPoolSqueezedToExhaustionShowsPendingRequestsAndTimeouts() throws Exception {
        DataSource ds = vigil.db().dataSource(unstartedPool("tiny", 1, 2500));
        try (Connection held = ds.getConnection()) {
            assertThat(held.isValid(1)).isTrue();
            CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
                try (Connection c = ds.getConnection()) {
                    return null;
                } catch (SQLException | RuntimeException e) {
                    return e;
                }
            });
            String pending = "db_client_connection_pending_requests{db_client_connection_pool_name=\"tiny\"} 1.0";
            long deadline = System.nanoTime() + 2_000_000_000L; // the waiter gives up after 2.5 s
            while (!scrape().contains(pending) && System.nanoTime() < deadline) {
                Thread.sleep(50); // Hikari refreshes its statistics at most once a second
            }
            assertThat(scrape()).contains(pending,
                    "db_client_connection_count{db_client_connection_pool_name=\"tiny\",db_client_connection_state=\"used\"} 1.0");
            assertThat(waiter.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(SQLTransientConnectionException.class);
        }
        assertThat(scrape()).contains("db_client_connection_timeouts_total{db_client_connection_pool_name=\"tiny\"} 1.0",
                "db_client_connection_max{db_client_connection_pool_name=\"tiny\"} 1.0");
    }

    @Test
    void aPoolAlreadyRunningIsReadThroughItsBeanWithoutTheEventMetrics() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:running" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        config.setPoolName("running");
        config.setMaximumPoolSize(3);
        hikari = new HikariDataSource(config); // starts at once: too late for a tracker factory
        DataSource ds = vigil.db().dataSource(hikari);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            String text = scrape();
            assertThat(text).contains(
                    "db_client_connection_count{db_client_connection_pool_name=\"running\",db_client_connection_state=\"used\"} 1.0",
                    "db_client_connection_max{db_client_connection_pool_name=\"running\"} 3.0",
                    "db_client_connection_pending_requests{db_client_connection_pool_name=\"running\"} 0.0");
            assertThat(text).doesNotContain("db_client_connection_wait_time");
        }
    }

    @Test
    void aFactorySetOnTheConfigurationBeforeTheBuildGivesEveryMetric() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:early" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        config.setPoolName("early");
        config.setMetricsTrackerFactory(new VigilMetricsTrackerFactory(vigil.db()));
        hikari = new HikariDataSource(config);
        DataSource ds = vigil.db().dataSource(hikari);
        try (Connection c = ds.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(scrape()).contains("db_client_connection_wait_time_seconds_count{db_client_connection_pool_name=\"early\"} 1",
                "db_client_connection_use_time_seconds_count{db_client_connection_pool_name=\"early\"} 1");
    }
}
