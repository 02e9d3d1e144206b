package dev.vigil.internal.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A proxy of a {@link Statement}, {@link java.sql.PreparedStatement} or {@link java.sql.CallableStatement}:
 * each {@code execute*} is observed; the statements of a batch are counted and summarised as one operation
 * ({@code BATCH INSERT orders}); result sets count the rows they return. A statement is used by one thread at
 * a time (JDBC's contract), so its batch state needs no lock.
 */
final class StatementHandler implements InvocationHandler {
    private final JdbcObserver observer;
    private final Connection connection;
    private final Statement target;
    private final String preparedSql;
    private long batchSize;
    private String batchSql;
    private boolean batchMixed;
    private JdbcObserver.Meters lastMeters;
    private Statement self;

    private StatementHandler(JdbcObserver observer, Connection connection, Statement target, String preparedSql) {
        this.observer = observer;
        this.connection = connection;
        this.target = target;
        this.preparedSql = preparedSql;
    }

    static Statement proxy(JdbcObserver observer, Connection connection, Statement target, Class<?> type, String sql) {
        Class<?> iface = Statement.class.isAssignableFrom(type) && type.isInterface() ? type : Statement.class;
        StatementHandler h = new StatementHandler(observer, connection, target, sql);
        h.self = (Statement) Proxies.create(iface, h);
        return h.self;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        String name = m.getName();
        if (m.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Observed" + target;
            };
        }
        switch (name) {
            case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                SqlSummary summary = SqlSummary.of(sql);
                lastMeters = observer.meters(summary);
                Object result = observer.execute(target, m, args, lastMeters, summary, sql, 1);
                return result instanceof ResultSet rs ? rows(rs) : result;
            }
            case "executeBatch", "executeLargeBatch" -> {
                return executeBatch(m, args);
            }
            case "addBatch" -> {
                Object result = forward(m, args);
                batchSize++;
                String sql = args != null && args.length == 1 && args[0] instanceof String s ? s : preparedSql;
                if (batchSql == null) {
                    batchSql = sql;
                } else if (!batchMixed && sql != null && !sql.equals(batchSql)) {
                    batchMixed = !sameOperation(batchSql, sql);
                }
                return result;
            }
            case "clearBatch" -> {
                resetBatch();
                return forward(m, args);
            }
            case "getResultSet", "getGeneratedKeys" -> {
                Object result = forward(m, args);
                return result instanceof ResultSet rs && name.equals("getResultSet") && lastMeters != null ? rows(rs) : result;
            }
            case "getConnection" -> {
                return connection;
            }
            default -> {
                return forward(m, args);
            }
        }
    }

    private Object executeBatch(Method m, Object[] args) throws Throwable {
        String sql = batchSql;
        long size = batchSize;
        boolean mixed = batchMixed;
        resetBatch();
        SqlSummary one = SqlSummary.of(sql);
        // A batch of one kind of statement reads as that statement, prefixed; a mixed batch only as BATCH.
        SqlSummary summary = mixed || one.operation() == null ? SqlSummary.of(null) : one.asBatch(one.operation());
        lastMeters = observer.meters(summary);
        return observer.execute(target, m, args, lastMeters, summary, size == 1 || !mixed ? sql : null, size);
    }

    private static boolean sameOperation(String a, String b) {
        SqlSummary x = SqlSummary.of(a);
        SqlSummary y = SqlSummary.of(b);
        return x.summary() != null && x.summary().equals(y.summary());
    }

    private void resetBatch() {
        batchSize = 0;
        batchSql = null;
        batchMixed = false;
    }

    private ResultSet rows(ResultSet rs) {
        return new ObservedResultSet(observer, rs, lastMeters, self);
    }

    private Object forward(Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
