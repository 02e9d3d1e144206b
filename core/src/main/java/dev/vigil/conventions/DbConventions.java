package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import dev.vigil.conventions.MetricConvention.Origin;
import dev.vigil.conventions.MetricConvention.Stability;
import java.util.List;

/**
 * The database client conventions: statement durations, returned rows and the {@code db.client.connection.*}
 * pool family, as OpenTelemetry's semantic conventions define them.
 */
public final class DbConventions {
    /** The pool attribute every pool metric carries. */
    public static final String POOL_NAME = "db.client.connection.pool.name";

    /** Duration of a database client operation (a statement or a batch). */
    public static final MetricConvention OPERATION_DURATION =
            MetricConvention.builder("db.client.operation.duration", Instrument.HISTOGRAM, "s")
                    .description("Duration of database client operations.")
                    .required("db.system.name")
                    .conditional("db.collection.name", "db.namespace", "db.operation.name",
                            "db.response.status_code", "error.type", "server.port")
                    .recommended("db.query.summary", "server.address")
                    .buckets(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10)
                    .stability(Stability.STABLE).origin(Origin.OPENTELEMETRY).build();

    /** Rows a query returned. */
    public static final MetricConvention RETURNED_ROWS =
            MetricConvention.builder("db.client.response.returned_rows", Instrument.HISTOGRAM, "{row}")
                    .description("Number of rows returned by database queries.")
                    .required("db.system.name")
                    .conditional("db.collection.name", "db.namespace", "db.operation.name",
                            "db.response.status_code", "error.type", "server.port")
                    .recommended("db.query.summary", "server.address")
                    .buckets(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();

    /** Connections by state (idle, used). */
    public static final MetricConvention CONNECTION_COUNT = pool("db.client.connection.count", Instrument.UP_DOWN_COUNTER,
            "{connection}", "Number of connections that are currently in the state described by the state attribute.",
            POOL_NAME, "db.client.connection.state");
    /** The most connections the pool allows. */
    public static final MetricConvention CONNECTION_MAX = pool("db.client.connection.max", Instrument.UP_DOWN_COUNTER,
            "{connection}", "The maximum number of open connections allowed.", POOL_NAME);
    /** The most idle connections the pool keeps. */
    public static final MetricConvention CONNECTION_IDLE_MAX = pool("db.client.connection.idle.max",
            Instrument.UP_DOWN_COUNTER, "{connection}", "The maximum number of idle open connections allowed.", POOL_NAME);
    /** The fewest idle connections the pool keeps. */
    public static final MetricConvention CONNECTION_IDLE_MIN = pool("db.client.connection.idle.min",
            Instrument.UP_DOWN_COUNTER, "{connection}", "The minimum number of idle open connections allowed.", POOL_NAME);
    /** Requests waiting for a connection. */
    public static final MetricConvention PENDING_REQUESTS = pool("db.client.connection.pending_requests",
            Instrument.UP_DOWN_COUNTER, "{request}", "The number of current pending requests for an open connection.",
            POOL_NAME);
    /** Requests that gave up waiting for a connection. */
    public static final MetricConvention TIMEOUTS = pool("db.client.connection.timeouts", Instrument.COUNTER,
            "{timeout}", "The number of connection timeouts that have occurred trying to obtain a connection from the pool.",
            POOL_NAME);
    /** Time to create a connection. */
    public static final MetricConvention CREATE_TIME = pool("db.client.connection.create_time", Instrument.HISTOGRAM,
            "s", "The time it took to create a new connection.", POOL_NAME);
    /** Time to obtain a connection from the pool. */
    public static final MetricConvention WAIT_TIME = pool("db.client.connection.wait_time", Instrument.HISTOGRAM,
            "s", "The time it took to obtain an open connection from the pool.", POOL_NAME);
    /** Time between borrowing a connection and returning it. */
    public static final MetricConvention USE_TIME = pool("db.client.connection.use_time", Instrument.HISTOGRAM,
            "s", "The time between borrowing a connection and returning it to the pool.", POOL_NAME);

    private DbConventions() {
    }

    private static MetricConvention pool(String name, Instrument instrument, String unit, String help, String... required) {
        MetricConvention.Builder b = MetricConvention.builder(name, instrument, unit).description(help).required(required)
                .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY);
        if (instrument == Instrument.HISTOGRAM) {
            // Upstream advises none; connection times share the database operation's boundaries.
            b.buckets(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10);
        }
        return b.build();
    }

    static List<MetricConvention> all() {
        return List.of(OPERATION_DURATION, RETURNED_ROWS, CONNECTION_COUNT, CONNECTION_MAX, CONNECTION_IDLE_MAX,
                CONNECTION_IDLE_MIN, PENDING_REQUESTS, TIMEOUTS, CREATE_TIME, WAIT_TIME, USE_TIME);
    }
}
