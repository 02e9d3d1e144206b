package dev.vigil.hikaricp;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.vigil.Db;
import dev.vigil.spi.DataSourcePoolBinder;
import javax.sql.DataSource;

/**
 * Binds a {@link HikariDataSource}'s pool metrics when {@code vigil.db().dataSource(...)} wraps it; found by
 * {@link java.util.ServiceLoader}. Not for direct use.
 *
 * <p>Hikari accepts a metrics tracker factory only before its pool starts. A pool not started yet gets
 * {@link VigilMetricsTrackerFactory} (alongside any factory it had): every {@code db.client.connection.*} metric.
 * A running pool is read through its {@link HikariPoolMXBean} instead: connection counts, pending requests, max
 * and idle bounds; then {@code timeouts}, {@code create_time}, {@code wait_time} and {@code use_time} are missing
 * (a warning says so), unless the factory was set on the configuration before the pool was built.
 */
public final class HikariPoolBinder implements DataSourcePoolBinder {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil.hikaricp");

    /** For {@link java.util.ServiceLoader}. */
    public HikariPoolBinder() {
    }

    @Override
    public boolean bind(DataSource dataSource, Db db) {
        if (!(dataSource instanceof HikariDataSource hikari)) {
            return false;
        }
        MetricsTrackerFactory current = hikari.getMetricsTrackerFactory();
        if (current instanceof VigilMetricsTrackerFactory) {
            return true; // set on the configuration before the pool was built: already bound
        }
        if (!hikari.isRunning() && !hikari.isClosed()) {
            try {
                hikari.setMetricsTrackerFactory(new VigilMetricsTrackerFactory(db).alongside(current)
                        .bounds(hikari.getMaximumPoolSize(), hikari.getMinimumIdle()));
                return true;
            } catch (IllegalStateException e) {
                // sealed meanwhile (another thread started the pool), or a Dropwizard registry is set: read the bean
            }
        }
        HikariPoolMXBean bean = hikari.getHikariPoolMXBean();
        if (bean == null) {
            LOGGER.log(System.Logger.Level.WARNING, "Vigil: HikariCP pool " + hikari.getPoolName()
                    + " is closed; its metrics are not bound");
            return true;
        }
        db.pool(hikari.getPoolName())
                .used(bean::getActiveConnections)
                .idle(bean::getIdleConnections)
                .max(hikari.getMaximumPoolSize())
                .idleMax(hikari.getMaximumPoolSize())
                .idleMin(hikari.getMinimumIdle())
                .pendingRequests(bean::getThreadsAwaitingConnection);
        LOGGER.log(System.Logger.Level.WARNING, "Vigil: HikariCP pool " + hikari.getPoolName() + " was already running,"
                + " so only its connection counts are bound; db.client.connection.timeouts, create_time, wait_time and"
                + " use_time need config.setMetricsTrackerFactory(new VigilMetricsTrackerFactory(vigil.db()))"
                + " before the pool is built");
        return true;
    }
}
