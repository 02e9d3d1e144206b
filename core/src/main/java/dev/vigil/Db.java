package dev.vigil;

import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.db.JdbcObserver;
import dev.vigil.spi.DataSourcePoolBinder;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * Database instrumentation, from {@link Vigil#db()}: observed JDBC data sources and connection pool metrics,
 * following the OpenTelemetry database conventions ({@code db.client.operation.duration},
 * {@code db.client.response.returned_rows}, {@code db.client.connection.*}).
 *
 * <pre>{@code
 * DataSource ds = vigil.db().dataSource(hikariDataSource);   // times every statement; binds the pool's metrics
 * vigil.db().pool("reports").used(() -> busy()).idle(() -> idle()).max(10).pendingRequests(() -> waiting());
 * }</pre>
 *
 * <p>Query text is off by default; {@code vigil.db.query-text=true} ({@link VigilConfig#DB_QUERY_TEXT}) adds the sanitized text (literals replaced by
 * {@code ?}) to spans as {@code db.query.text}.
 */
public final class Db {
    private final Vigil vigil;
    /** Keeps gauge callbacks reachable: metrics backends may hold them weakly. */
    private final List<Object> anchors = new CopyOnWriteArrayList<>();
    /** The data sources with a health check, by identity; a few at most in a real service. */
    private final List<DataSource> checked = new java.util.ArrayList<>();
    private static final int MAX_CHECKED = 32;

    Db(Vigil vigil) {
        this.vigil = vigil;
    }

    /**
     * Wraps a data source so that every statement it executes (plain, prepared, callable, batches) is a CLIENT
     * span and a {@code db.client.operation.duration} point, with attributes derived from the SQL. When a
     * {@link DataSourcePoolBinder} on the class path recognises the data source (HikariCP with
     * {@code vigil-hikaricp}), its pool's metrics are bound as well.
     *
     * @param dataSource the data source to observe
     * @return the observed data source; the argument itself on the no-op instance or for null
     */
    public DataSource dataSource(DataSource dataSource) {
        if (dataSource == null) {
            ApiWarnings.warn("invalid-db", "db().dataSource(null) returns null");
            return null;
        }
        if (vigil.isNoop()) {
            return dataSource;
        }
        bindPool(dataSource);
        registerHealth(dataSource);
        return new JdbcObserver(vigil, queryText()).wrap(dataSource);
    }

    /**
     * Describes a connection pool Vigil cannot bind by itself. Each call registers what it is given at once.
     *
     * @param name the pool's name, the {@code db.client.connection.pool.name} attribute
     * @return the pool's metrics
     */
    public DbPool pool(String name) {
        if (name == null || name.isEmpty()) {
            ApiWarnings.warn("invalid-db", "db().pool() needs a name; the pool's metrics are ignored");
            return new DbPool(Vigil.noop(), "", anchors::add);
        }
        return new DbPool(vigil, name, anchors::add);
    }

    /** The connectivity check of a wrapped data source, on the unwrapped one so that it records no statement. */
    private void registerHealth(DataSource dataSource) {
        synchronized (checked) {
            for (DataSource d : checked) {
                if (d == dataSource) {
                    return;
                }
            }
            if (checked.size() >= MAX_CHECKED) {
                return;
            }
            checked.add(dataSource);
            vigil.health().dataSource(checked.size() == 1 ? "db" : "db-" + checked.size(), dataSource);
        }
    }

    private boolean queryText() {
        try {
            return vigil.config().getBoolean(VigilConfig.DB_QUERY_TEXT, false);
        } catch (IllegalArgumentException e) {
            return false; // validated at build(): unreachable for a built instance
        }
    }

    private void bindPool(DataSource dataSource) {
        try {
            for (DataSourcePoolBinder binder : ServiceLoader.load(DataSourcePoolBinder.class, Db.class.getClassLoader())) {
                if (binder.bind(dataSource, this)) {
                    return;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not bind the pool metrics of " + dataSource.getClass().getName()
                    + ": " + e);
        }
    }
}
