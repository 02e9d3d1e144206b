package dev.vigil.internal.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A proxy of a {@link ResultSet} that counts the rows {@code next()} returns and records
 * {@code db.client.response.returned_rows} once: when {@code next()} says there are no more, or at close,
 * whichever comes first.
 */
final class RowCounter implements InvocationHandler {
    private final JdbcObserver observer;
    private final ResultSet target;
    private final JdbcObserver.Meters meters;
    private final Statement statement;
    private long rows;
    private boolean recorded;

    private RowCounter(JdbcObserver observer, ResultSet target, JdbcObserver.Meters meters, Statement statement) {
        this.observer = observer;
        this.target = target;
        this.meters = meters;
        this.statement = statement;
    }

    static ResultSet proxy(JdbcObserver observer, ResultSet target, JdbcObserver.Meters meters, Statement statement) {
        return (ResultSet) Proxies.create(ResultSet.class,
                new RowCounter(observer, target, meters, statement));
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
        Object result;
        try {
            result = m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (name.equals("next") && args == null) {
            if (Boolean.TRUE.equals(result)) {
                rows++;
            } else {
                record();
            }
        } else if (name.equals("close")) {
            record();
        } else if (name.equals("getStatement") && statement != null) {
            return statement;
        }
        return result;
    }

    private void record() {
        if (!recorded) {
            recorded = true;
            observer.returnedRows(meters, rows);
        }
    }
}
