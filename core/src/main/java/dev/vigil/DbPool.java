package dev.vigil;

import dev.vigil.conventions.DbConventions;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.internal.ConventionMetrics;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The {@code db.client.connection.*} metrics of one connection pool, from {@link Db#pool(String)}. Values read at
 * collection time are given as suppliers; events (a timeout, a connection's create, wait and use times) are
 * recorded as they happen. Each call registers at once; calling one twice keeps the first supplier.
 *
 * <pre>{@code
 * DbPool pool = vigil.db().pool("reports").used(() -> busy()).idle(() -> idle()).max(10)
 *         .pendingRequests(() -> waiting());
 * pool.waitTime(Duration.ofNanos(waited));
 * }</pre>
 */
public final class DbPool {
    private final Vigil vigil;
    private final String name;
    private final Consumer<Object> anchor;

    DbPool(Vigil vigil, String name, Consumer<Object> anchor) {
        this.vigil = vigil;
        this.name = name;
        this.anchor = anchor;
    }

    private DbPool gauge(MetricConvention c, DoubleSupplier value, String... extra) {
        if (value == null) {
            dev.vigil.internal.ApiWarnings.warn("invalid-db", "pool '" + name + "': a null supplier for " + c.name()
                    + " is ignored");
            return this;
        }
        anchor.accept(value);
        String[] kv = new String[2 + extra.length];
        kv[0] = DbConventions.POOL_NAME;
        kv[1] = name;
        System.arraycopy(extra, 0, kv, 2, extra.length);
        ConventionMetrics.gauge(vigil, c, value, kv);
        return this;
    }

    /**
     * @param connections the connections in use now
     * @return this pool
     */
    public DbPool used(DoubleSupplier connections) {
        return gauge(DbConventions.CONNECTION_COUNT, connections, "db.client.connection.state", "used");
    }

    /**
     * @param connections the idle connections now
     * @return this pool
     */
    public DbPool idle(DoubleSupplier connections) {
        return gauge(DbConventions.CONNECTION_COUNT, connections, "db.client.connection.state", "idle");
    }

    /**
     * @param connections the most connections the pool opens
     * @return this pool
     */
    public DbPool max(long connections) {
        return max(() -> connections);
    }

    /**
     * @param connections the most connections the pool opens, read at collection time (for a resizable pool)
     * @return this pool
     */
    public DbPool max(DoubleSupplier connections) {
        return gauge(DbConventions.CONNECTION_MAX, connections);
    }

    /**
     * @param connections the most idle connections the pool keeps
     * @return this pool
     */
    public DbPool idleMax(long connections) {
        return gauge(DbConventions.CONNECTION_IDLE_MAX, () -> connections);
    }

    /**
     * @param connections the fewest idle connections the pool keeps
     * @return this pool
     */
    public DbPool idleMin(long connections) {
        return gauge(DbConventions.CONNECTION_IDLE_MIN, () -> connections);
    }

    /**
     * @param requests the requests waiting for a connection now
     * @return this pool
     */
    public DbPool pendingRequests(DoubleSupplier requests) {
        return gauge(DbConventions.PENDING_REQUESTS, requests);
    }

    /** Counts a request that gave up waiting for a connection. */
    public void timeout() {
        ConventionMetrics.record(vigil, DbConventions.TIMEOUTS, 1, DbConventions.POOL_NAME, name);
    }

    /** @param duration how long creating a connection took */
    public void createTime(Duration duration) {
        time(DbConventions.CREATE_TIME, duration);
    }

    /** @param duration how long a request waited for a connection */
    public void waitTime(Duration duration) {
        time(DbConventions.WAIT_TIME, duration);
    }

    /** @param duration how long a connection was borrowed */
    public void useTime(Duration duration) {
        time(DbConventions.USE_TIME, duration);
    }

    private void time(MetricConvention c, Duration d) {
        if (d != null) {
            ConventionMetrics.recordNanos(vigil, c, d.toNanos(), DbConventions.POOL_NAME, name);
        }
    }

    /** @return the pool's name */
    public String name() {
        return name;
    }
}
