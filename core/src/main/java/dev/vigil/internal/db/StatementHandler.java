package dev.vigil.internal.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A reflective proxy of a {@link java.sql.CallableStatement}, the one statement kind not written out (see
 * {@link ObservedStatement}), observed the same way:
 * each {@code execute*} is observed; the statements of a batch are counted and summarised as one operation
 * ({@code BATCH INSERT orders}); result sets count the rows they return. A statement is used by one thread at
 * a time (JDBC's contract), so its batch state needs no lock.
 */
final class StatementHandler implements InvocationHandler {
    private final JdbcObserver observer;
    private final Connection connection;
    private final Statement target;
    private final String preparedSql;
    private final Batch batch = new Batch();
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
                batch.add(args != null && args.length == 1 && args[0] instanceof String s ? s : preparedSql);
                return result;
            }
            case "clearBatch" -> {
                batch.clear();
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
        SqlSummary summary = batch.summary();
        String sql = batch.text();
        long size = batch.size();
        batch.clear();
        lastMeters = observer.meters(summary);
        return observer.execute(target, m, args, lastMeters, summary, sql, size);
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
