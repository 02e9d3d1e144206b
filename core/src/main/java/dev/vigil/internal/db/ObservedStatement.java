package dev.vigil.internal.db;

import dev.vigil.Observation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A {@link Statement} whose executions are observed: each {@code execute*} is a CLIENT observation and a
 * {@code db.client.operation.duration} point; the statements of a batch are counted and summarised as one operation
 * ({@code BATCH INSERT orders}); result sets count the rows they return. {@link ObservedPreparedStatement} adds the
 * prepared forms. A statement is used by one thread at a time (JDBC's contract), so its state needs no lock.
 *
 * <p>Written out rather than a reflective proxy: a query makes a handful of calls on its statement, and a reflective
 * call with its argument array costs more than H2's setter. Every method but the executions, the batch, the result
 * set and the connection is the driver's, one generated line each.
 */
class ObservedStatement implements Statement {
    final JdbcObserver observer;
    private final ObservedConnection connection;
    private final Statement d;
    /** The text given to {@code prepareStatement}, or null for a plain statement. */
    final String preparedSql;
    /** Created by the first {@code addBatch}: most statements never batch. */
    private Batch batch;
    /** The instruments of the last execution, for the rows of a result set fetched after it. */
    private JdbcObserver.Meters lastMeters;
    /** The execution running now, between {@link #begin} and {@link #end}. */
    private Observation running;

    ObservedStatement(JdbcObserver observer, ObservedConnection connection, Statement target, String preparedSql) {
        this.observer = observer;
        this.connection = connection;
        this.d = target;
        this.preparedSql = preparedSql;
    }

    /** Starts observing one execution of {@code sql}; returns its start time for {@link #end}. */
    final long begin(String sql) {
        ObservedConnection.Kind k = connection.kind(sql);
        lastMeters = k.meters();
        running = observer.start(k.meters(), k.summary(), sql, 1);
        return System.nanoTime();
    }

    /** Starts observing the pending batch as one operation, and empties it. */
    final long beginBatch() {
        Batch b = batch;
        SqlSummary s = b == null ? SqlSummary.of(null) : b.summary();
        JdbcObserver.Meters m = observer.meters(s);
        lastMeters = m;
        running = observer.start(m, s, b == null ? null : b.text(), b == null ? 0 : b.size());
        if (b != null) {
            b.clear();
        }
        return System.nanoTime();
    }

    /** Ends the execution begun at {@code start}; {@code failure} is what the driver threw, or null. */
    final void end(long start, Throwable failure) {
        long nanos = System.nanoTime() - start;
        Observation o = running;
        running = null;
        observer.end(o, lastMeters, nanos, failure);
    }

    final void addToBatch(String sql) {
        Batch b = batch;
        if (b == null) {
            batch = b = new Batch();
        }
        b.add(sql);
    }

    final ResultSet rows(ResultSet rs) {
        return rs == null ? null : new ObservedResultSet(observer, rs, lastMeters, this);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return rows(d.executeQuery(sql)); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.execute(sql); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public boolean execute(String sql, int keys) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.execute(sql, keys); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public boolean execute(String sql, int[] columns) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.execute(sql, columns); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public boolean execute(String sql, String[] columns) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.execute(sql, columns); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeUpdate(sql); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public int executeUpdate(String sql, int keys) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeUpdate(sql, keys); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public int executeUpdate(String sql, int[] columns) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeUpdate(sql, columns); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public int executeUpdate(String sql, String[] columns) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeUpdate(sql, columns); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeLargeUpdate(sql); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public long executeLargeUpdate(String sql, int keys) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeLargeUpdate(sql, keys); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columns) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeLargeUpdate(sql, columns); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columns) throws SQLException {
        long t = begin(sql);
        Throwable f = null;
        try { return d.executeLargeUpdate(sql, columns); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long t = beginBatch();
        Throwable f = null;
        try { return d.executeBatch(); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        long t = beginBatch();
        Throwable f = null;
        try { return d.executeLargeBatch(); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        d.addBatch(sql);
        addToBatch(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        if (batch != null) {
            batch.clear();
        }
        d.clearBatch();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        ResultSet rs = d.getResultSet();
        return lastMeters != null ? rows(rs) : rs;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return d.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return d.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "Observed" + d;
    }

    // Everything below is the driver's.
    @Override public void cancel() throws SQLException { d.cancel(); }
    @Override public void clearWarnings() throws SQLException { d.clearWarnings(); }
    @Override public void close() throws SQLException { d.close(); }
    @Override public void closeOnCompletion() throws SQLException { d.closeOnCompletion(); }
    @Override public String enquoteIdentifier(String a0, boolean a1) throws SQLException { return d.enquoteIdentifier(a0, a1); }
    @Override public String enquoteLiteral(String a0) throws SQLException { return d.enquoteLiteral(a0); }
    @Override public String enquoteNCharLiteral(String a0) throws SQLException { return d.enquoteNCharLiteral(a0); }
    @Override public int getFetchDirection() throws SQLException { return d.getFetchDirection(); }
    @Override public int getFetchSize() throws SQLException { return d.getFetchSize(); }
    @Override public ResultSet getGeneratedKeys() throws SQLException { return d.getGeneratedKeys(); }
    @Override public long getLargeMaxRows() throws SQLException { return d.getLargeMaxRows(); }
    @Override public long getLargeUpdateCount() throws SQLException { return d.getLargeUpdateCount(); }
    @Override public int getMaxFieldSize() throws SQLException { return d.getMaxFieldSize(); }
    @Override public int getMaxRows() throws SQLException { return d.getMaxRows(); }
    @Override public boolean getMoreResults() throws SQLException { return d.getMoreResults(); }
    @Override public boolean getMoreResults(int a0) throws SQLException { return d.getMoreResults(a0); }
    @Override public int getQueryTimeout() throws SQLException { return d.getQueryTimeout(); }
    @Override public int getResultSetConcurrency() throws SQLException { return d.getResultSetConcurrency(); }
    @Override public int getResultSetHoldability() throws SQLException { return d.getResultSetHoldability(); }
    @Override public int getResultSetType() throws SQLException { return d.getResultSetType(); }
    @Override public int getUpdateCount() throws SQLException { return d.getUpdateCount(); }
    @Override public SQLWarning getWarnings() throws SQLException { return d.getWarnings(); }
    @Override public boolean isCloseOnCompletion() throws SQLException { return d.isCloseOnCompletion(); }
    @Override public boolean isClosed() throws SQLException { return d.isClosed(); }
    @Override public boolean isPoolable() throws SQLException { return d.isPoolable(); }
    @Override public boolean isSimpleIdentifier(String a0) throws SQLException { return d.isSimpleIdentifier(a0); }
    @Override public void setCursorName(String a0) throws SQLException { d.setCursorName(a0); }
    @Override public void setEscapeProcessing(boolean a0) throws SQLException { d.setEscapeProcessing(a0); }
    @Override public void setFetchDirection(int a0) throws SQLException { d.setFetchDirection(a0); }
    @Override public void setFetchSize(int a0) throws SQLException { d.setFetchSize(a0); }
    @Override public void setLargeMaxRows(long a0) throws SQLException { d.setLargeMaxRows(a0); }
    @Override public void setMaxFieldSize(int a0) throws SQLException { d.setMaxFieldSize(a0); }
    @Override public void setMaxRows(int a0) throws SQLException { d.setMaxRows(a0); }
    @Override public void setPoolable(boolean a0) throws SQLException { d.setPoolable(a0); }
    @Override public void setQueryTimeout(int a0) throws SQLException { d.setQueryTimeout(a0); }
}
