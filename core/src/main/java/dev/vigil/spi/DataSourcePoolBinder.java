package dev.vigil.spi;

import dev.vigil.Db;
import javax.sql.DataSource;

/**
 * Binds the metrics of a connection pool that Vigil's core cannot know (it depends on nothing but the JDK).
 * Found with {@link java.util.ServiceLoader} when {@link Db#dataSource(DataSource)} wraps a data source: the
 * first binder that recognises the data source feeds {@link Db#pool(String)}. {@code vigil-hikaricp} ships one
 * for HikariCP.
 */
public interface DataSourcePoolBinder {
    /**
     * Binds the pool behind {@code dataSource}, if this binder knows its type. Must not throw.
     *
     * @param dataSource the data source the application passed in, unwrapped
     * @param db where to register the pool's metrics ({@code db.pool(name)...})
     * @return true when it bound the pool; false when the data source is not of its type
     */
    boolean bind(DataSource dataSource, Db db);
}
