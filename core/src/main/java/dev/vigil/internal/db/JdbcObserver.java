package dev.vigil.internal.db;

import dev.vigil.Observation;
import dev.vigil.ObservationBuilder;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.conventions.DbConventions;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.ConventionMetrics;
import dev.vigil.internal.ErrorTypes;
import dev.vigil.internal.ManualObservation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import dev.vigil.KpiSummary;
import dev.vigil.KpiTimer;
import java.util.concurrent.ConcurrentHashMap;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Observes one wrapped {@link DataSource}: hands out observed connections, statements and result sets,
 * and turns each statement execution into a CLIENT span and a {@code db.client.operation.duration} point.
 * What the database is ({@code db.system.name}, {@code db.namespace}, server) is read from the driver's
 * metadata once, on the first connection.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class JdbcObserver {
    private final Vigil vigil;
    private final boolean queryText;
    private volatile DbInfo info;
    /** Pre-bound instruments per kind of statement, so that a query looks no meter up; bounded. */
    private final ConcurrentHashMap<SqlSummary, Meters> meters = new ConcurrentHashMap<>();

    /**
     * @param vigil where to record
     * @param queryText whether spans carry the sanitized query text
     */
    public JdbcObserver(Vigil vigil, boolean queryText) {
        this.vigil = vigil;
        this.queryText = queryText;
    }

    /**
     * @param target the data source to observe
     * @return a data source whose connections are observed
     */
    public DataSource wrap(DataSource target) {
        return (DataSource) Proxies.create(DataSource.class,
                new Forwarder(target) {
                    @Override
                    Object wrapResult(Object proxy, Method m, Object[] args, Object result) {
                        return result instanceof Connection c && m.getName().equals("getConnection") ? connection(c) : result;
                    }
                });
    }

    Connection connection(Connection target) {
        if (info == null) {
            info = DbInfo.read(target);
        }
        return new ObservedConnection(this, target);
    }

    /**
     * The tags and instruments of one kind of statement, each looked up on its first use: a statement that only
     * ever fails leaves no empty success series behind.
     */
    final class Meters {
        final String[] kv;
        /**
         * What every observation of this kind starts with, built once: the tags that have a value, then
         * {@code server.port} as an integer. Shared by those observations and never written.
         */
        final Object[] attributes;
        private volatile KpiTimer duration;
        private volatile KpiSummary rows;

        Meters(String[] kv, int port) {
            this.kv = kv;
            java.util.List<Object> a = new java.util.ArrayList<>();
            for (int i = 0; i < kv.length; i += 2) {
                if (kv[i + 1] != null) {
                    a.add(kv[i]);
                    a.add(kv[i + 1]);
                }
            }
            if (port > 0) {
                a.add("server.port");
                a.add((long) port);
            }
            this.attributes = a.toArray();
        }

        KpiTimer duration() {
            KpiTimer t = duration;
            if (t == null) {
                duration = t = ConventionMetrics.kpi(vigil, DbConventions.OPERATION_DURATION, kv).timer();
            }
            return t;
        }

        KpiSummary rows() {
            KpiSummary r = rows;
            if (r == null) {
                rows = r = ConventionMetrics.kpi(vigil, DbConventions.RETURNED_ROWS, kv).summary();
            }
            return r;
        }
    }

    Meters meters(SqlSummary s) {
        Meters m = meters.get(s);
        if (m == null) {
            DbInfo db = info();
            m = new Meters(tags(db, s), db.port());
            if (meters.size() < SqlSummary.MAX_CACHED) {
                meters.putIfAbsent(s, m);
            }
        }
        return m;
    }

    /**
     * Starts observing one execution: a CLIENT span named after the statement, with its tags. Never throws: a
     * failure to start is warned about and the statement runs unobserved (null).
     */
    Observation start(Meters meters, SqlSummary s, String sql, long batchSize) {
        try {
            ObservationBuilder b = vigil.observation(spanName(info(), s)).kind(SpanKind.CLIENT);
            if (b instanceof ManualObservation mo) {
                mo.sharedAttributes(meters.attributes); // no per-call entry per tag
            } else {
                Object[] a = meters.attributes;
                for (int i = 0; i < a.length; i += 2) {
                    if (a[i + 1] instanceof Long port) {
                        b.attribute((String) a[i], port.longValue());
                    } else {
                        b.attribute((String) a[i], (String) a[i + 1]);
                    }
                }
            }
            if (batchSize > 1) {
                b.attribute("db.operation.batch.size", batchSize);
            }
            if (queryText && sql != null) {
                String text = SqlSanitizer.sanitize(sql);
                if (text != null) {
                    b.attribute("db.query.text", text);
                }
            }
            return b.start();
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not start a database observation: " + e);
            return null;
        }
    }

    /**
     * Ends what {@link #start} began and records its duration, with the driver's SQL state and the error type when
     * it failed. Never throws.
     */
    void end(Observation o, Meters meters, long nanos, Throwable failure) {
        String state = failure instanceof SQLException se ? se.getSQLState() : null;
        finish(o, failure, state);
        try {
            if (failure == null) {
                meters.duration().recordNanos(nanos);
            } else {
                ConventionMetrics.recordNanos(vigil, DbConventions.OPERATION_DURATION, nanos, with(meters.kv,
                        "db.response.status_code", state, "error.type", ErrorTypes.of(failure)));
            }
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not record a database operation: " + e);
        }
    }

    /** The reflective form of one execution (for the statement kinds that are proxies); rethrows the driver's failure. */
    Object execute(Object target, Method m, Object[] args, Meters meters, SqlSummary s, String sql, long batchSize)
            throws Throwable {
        Observation o = start(meters, s, sql, batchSize);
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            failure = e.getCause();
            throw failure;
        } finally {
            end(o, meters, System.nanoTime() - start, failure);
        }
    }

    private static void finish(Observation o, Throwable failure, String state) {
        if (o == null) {
            return;
        }
        try {
            if (failure != null) {
                if (state != null) {
                    o.tag("db.response.status_code", state);
                }
                o.error(failure);
            }
            o.close();
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not close a database observation: " + e);
        }
    }

    /** Records the rows a result set returned, with the tags of the statement that produced it. */
    void returnedRows(Meters m, long rows) {
        try {
            m.rows().record(rows);
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("instrumentation", "could not record returned rows: " + e);
        }
    }

    String[] tags(DbInfo db, SqlSummary s) {
        return new String[] {"db.system.name", db.system(), "db.namespace", db.namespace(),
            "db.operation.name", s.operation(), "db.collection.name", s.collection(),
            "db.query.summary", s.summary(), "server.address", db.address(),
            "server.port", db.port() > 0 ? Integer.toString(db.port()) : null};
    }

    DbInfo info() {
        return info == null ? DbInfo.UNKNOWN : info;
    }

    private static String[] with(String[] kv, String... more) {
        String[] all = java.util.Arrays.copyOf(kv, kv.length + more.length);
        System.arraycopy(more, 0, all, kv.length, more.length);
        return all;
    }

    /** The semconv span name: the summary, else the operation and target, else the target, else the system. */
    static String spanName(DbInfo db, SqlSummary s) {
        if (s.summary() != null) {
            return s.summary();
        }
        String target = db.namespace() != null ? db.namespace() : db.address();
        if (s.operation() != null && target != null) {
            return s.operation() + ' ' + target;
        }
        return target != null ? target : db.system();
    }

    /**
     * Forwards every call to the target, and lets a subclass wrap what comes back. {@code unwrap} and
     * {@code isWrapperFor} reach the driver, so code that asks for the driver's own type still gets it.
     */
    abstract static class Forwarder implements InvocationHandler {
        final Object target;

        Forwarder(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Observed" + target;
                };
            }
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result == null) {
                return null;
            }
            return wrapResult(proxy, m, args, result);
        }

        abstract Object wrapResult(Object proxy, Method m, Object[] args, Object result);
    }
}
