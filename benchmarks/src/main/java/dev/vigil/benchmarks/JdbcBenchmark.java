package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code executeQuery} on an in-memory H2 through the data source {@code vigil.db().dataSource(...)} returns,
 * against the raw data source (target ≤ 1.1×). Each operation prepares a statement, runs the query, reads its
 * 10 rows and closes: what a repository method does on a pooled connection. The observed path records the
 * span-less observation, the duration histogram and the returned-rows histogram into a Prometheus registry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JdbcBenchmark {
    private static final String QUERY = "SELECT id, total FROM orders WHERE id > ? ORDER BY id LIMIT 10";

    private Vigil vigil;
    private Connection raw;
    private Connection observed;

    /** Creates the table once and holds one connection of each kind, as a pool would. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
        vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(MicrometerMetrics.prometheus()).build();
        DataSource wrapped = vigil.db().dataSource(h2);
        raw = h2.getConnection();
        observed = wrapped.getConnection();
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, total INT)");
            s.execute("MERGE INTO orders KEY (id) SELECT x, x * 10 FROM SYSTEM_RANGE(1, 100)");
        }
    }

    /** Closes the connections and Vigil. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        raw.close();
        observed.close();
        vigil.close();
    }

    private static long query(Connection c) throws SQLException {
        long sum = 0;
        try (PreparedStatement p = c.prepareStatement(QUERY)) {
            p.setInt(1, 50);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    sum += rs.getLong(2);
                }
            }
        }
        return sum;
    }

    /** @return the rows' sum, through the raw data source's connection */
    @Benchmark
    public long executeQueryRaw() throws SQLException {
        return query(raw);
    }

    /** @return the rows' sum, through the observed connection */
    @Benchmark
    public long executeQueryObserved() throws SQLException {
        return query(observed);
    }
}
