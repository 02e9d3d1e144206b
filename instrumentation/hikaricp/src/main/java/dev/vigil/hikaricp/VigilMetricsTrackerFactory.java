package dev.vigil.hikaricp;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.vigil.Db;
import dev.vigil.DbPool;
import java.time.Duration;

/**
 * A HikariCP {@link MetricsTrackerFactory} that feeds Vigil's {@code db.client.connection.*} metrics: connection
 * counts by state, pending requests, max and idle bounds as gauges over the pool's statistics, and the create,
 * wait and use times and timeouts as the pool reports them.
 *
 * <p>{@code vigil.db().dataSource(hikariDataSource)} installs it by itself when the pool has not started yet. A
 * pool built with {@code new HikariDataSource(config)} starts at once: set the factory on the configuration first.
 *
 * <pre>{@code
 * HikariConfig config = new HikariConfig();
 * config.setJdbcUrl("jdbc:postgresql://db/shop");
 * config.setMetricsTrackerFactory(new VigilMetricsTrackerFactory(vigil.db()));
 * DataSource ds = vigil.db().dataSource(new HikariDataSource(config));
 * }</pre>
 *
 * <p>An existing factory (Micrometer's, say) keeps working: {@link #alongside(MetricsTrackerFactory)} feeds both.
 */
public final class VigilMetricsTrackerFactory implements MetricsTrackerFactory {
    private final Db db;
    private final MetricsTrackerFactory other;
    private final int maxIdle;
    private final int minIdle;

    /**
     * @param db where to register the pool's metrics: {@code vigil.db()}
     */
    public VigilMetricsTrackerFactory(Db db) {
        this(db, null, -1, -1);
    }

    private VigilMetricsTrackerFactory(Db db, MetricsTrackerFactory other, int maxIdle, int minIdle) {
        this.db = db;
        this.other = other;
        this.maxIdle = maxIdle;
        this.minIdle = minIdle;
    }

    /**
     * @param factory a factory the pool already had, or null
     * @return a factory whose trackers feed both Vigil and {@code factory}
     */
    public VigilMetricsTrackerFactory alongside(MetricsTrackerFactory factory) {
        return new VigilMetricsTrackerFactory(db, factory, maxIdle, minIdle);
    }

    VigilMetricsTrackerFactory bounds(int maxIdleConnections, int minIdleConnections) {
        return new VigilMetricsTrackerFactory(db, other, maxIdleConnections, minIdleConnections);
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats stats) {
        DbPool pool = db.pool(poolName)
                .used(stats::getActiveConnections)
                .idle(stats::getIdleConnections)
                .max(stats::getMaxConnections)
                .pendingRequests(stats::getPendingThreads);
        // Hikari keeps at most maximumPoolSize idle connections and at least minimumIdle.
        pool.idleMax(maxIdle >= 0 ? maxIdle : stats.getMaxConnections());
        pool.idleMin(minIdle >= 0 ? minIdle : stats.getMinConnections());
        IMetricsTracker second = other == null ? null : other.create(poolName, stats);
        return new Tracker(pool, second);
    }

    /** Forwards Hikari's events to the pool's metrics and, when there is one, to the other factory's tracker. */
    private static final class Tracker implements IMetricsTracker {
        private final DbPool pool;
        private final IMetricsTracker other;

        Tracker(DbPool pool, IMetricsTracker other) {
            this.pool = pool;
            this.other = other;
        }

        @Override
        public void recordConnectionCreatedMillis(long millis) {
            pool.createTime(Duration.ofMillis(millis));
            if (other != null) {
                other.recordConnectionCreatedMillis(millis);
            }
        }

        @Override
        public void recordConnectionAcquiredNanos(long nanos) {
            pool.waitTime(Duration.ofNanos(nanos));
            if (other != null) {
                other.recordConnectionAcquiredNanos(nanos);
            }
        }

        @Override
        public void recordConnectionUsageMillis(long millis) {
            pool.useTime(Duration.ofMillis(millis));
            if (other != null) {
                other.recordConnectionUsageMillis(millis);
            }
        }

        @Override
        public void recordConnectionTimeout() {
            pool.timeout();
            if (other != null) {
                other.recordConnectionTimeout();
            }
        }

        @Override
        public void close() {
            if (other != null) {
                other.close();
            }
        }
    }
}
