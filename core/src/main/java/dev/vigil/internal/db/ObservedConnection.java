package dev.vigil.internal.db;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;

/**
 * A {@link Connection} whose statements are observed: plain and prepared ones are {@link ObservedStatement}s,
 * callable ones reflective proxies ({@link StatementHandler}). Written out rather than a reflective proxy, because
 * {@code prepareStatement} is on every query's path. Every other method is the driver's, one generated line each;
 * {@code unwrap} and {@code isWrapperFor} too, so code that asks for the driver's own type still gets it.
 */
final class ObservedConnection implements Connection {
    private final JdbcObserver observer;
    private final Connection d;
    /**
     * The last statement text executed here, with its summary and instruments: code runs the same few constant
     * texts over and over, so an identity compare usually replaces parsing the summary and looking its meters up.
     * Immutable, so a connection handed between threads by a pool can only ever see a whole one.
     */
    private Kind last;

    /** A statement text, what it summarises to, and its instruments. */
    record Kind(String sql, SqlSummary summary, JdbcObserver.Meters meters) {
    }

    ObservedConnection(JdbcObserver observer, Connection target) {
        this.observer = observer;
        this.d = target;
    }

    /** @return the summary and instruments of {@code sql}, from {@link #last} when it is the same text */
    Kind kind(String sql) {
        Kind k = last;
        if (k == null || k.sql != sql) {
            SqlSummary s = SqlSummary.of(sql);
            k = new Kind(sql, s, observer.meters(s));
            last = k;
        }
        return k;
    }

    private Statement plain(Statement s) {
        return s == null ? null : new ObservedStatement(observer, this, s, null);
    }

    private PreparedStatement prepared(PreparedStatement s, String sql) {
        return s == null ? null : new ObservedPreparedStatement(observer, this, s, sql);
    }

    private CallableStatement callable(CallableStatement s, String sql) {
        return s == null ? null : (CallableStatement) StatementHandler.proxy(observer, this, s, CallableStatement.class, sql);
    }

    @Override public Statement createStatement() throws SQLException { return plain(d.createStatement()); }
    @Override public Statement createStatement(int a0, int a1) throws SQLException { return plain(d.createStatement(a0, a1)); }
    @Override public Statement createStatement(int a0, int a1, int a2) throws SQLException { return plain(d.createStatement(a0, a1, a2)); }
    @Override public PreparedStatement prepareStatement(String sql) throws SQLException { return prepared(d.prepareStatement(sql), sql); }
    @Override public PreparedStatement prepareStatement(String sql, int a1) throws SQLException { return prepared(d.prepareStatement(sql, a1), sql); }
    @Override public PreparedStatement prepareStatement(String sql, int[] a1) throws SQLException { return prepared(d.prepareStatement(sql, a1), sql); }
    @Override public PreparedStatement prepareStatement(String sql, String[] a1) throws SQLException { return prepared(d.prepareStatement(sql, a1), sql); }
    @Override public PreparedStatement prepareStatement(String sql, int a1, int a2) throws SQLException { return prepared(d.prepareStatement(sql, a1, a2), sql); }
    @Override public PreparedStatement prepareStatement(String sql, int a1, int a2, int a3) throws SQLException { return prepared(d.prepareStatement(sql, a1, a2, a3), sql); }
    @Override public CallableStatement prepareCall(String sql) throws SQLException { return callable(d.prepareCall(sql), sql); }
    @Override public CallableStatement prepareCall(String sql, int a1, int a2) throws SQLException { return callable(d.prepareCall(sql, a1, a2), sql); }
    @Override public CallableStatement prepareCall(String sql, int a1, int a2, int a3) throws SQLException { return callable(d.prepareCall(sql, a1, a2, a3), sql); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return d.unwrap(iface); }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { return d.isWrapperFor(iface); }

    @Override
    public String toString() {
        return "Observed" + d;
    }

    // Everything below is the driver's.
    @Override public void abort(java.util.concurrent.Executor a0) throws SQLException { d.abort(a0); }
    @Override public void beginRequest() throws SQLException { d.beginRequest(); }
    @Override public void clearWarnings() throws SQLException { d.clearWarnings(); }
    @Override public void close() throws SQLException { d.close(); }
    @Override public void commit() throws SQLException { d.commit(); }
    @Override public Array createArrayOf(String a0, Object[] a1) throws SQLException { return d.createArrayOf(a0, a1); }
    @Override public Blob createBlob() throws SQLException { return d.createBlob(); }
    @Override public Clob createClob() throws SQLException { return d.createClob(); }
    @Override public NClob createNClob() throws SQLException { return d.createNClob(); }
    @Override public SQLXML createSQLXML() throws SQLException { return d.createSQLXML(); }
    @Override public Struct createStruct(String a0, Object[] a1) throws SQLException { return d.createStruct(a0, a1); }
    @Override public void endRequest() throws SQLException { d.endRequest(); }
    @Override public boolean getAutoCommit() throws SQLException { return d.getAutoCommit(); }
    @Override public String getCatalog() throws SQLException { return d.getCatalog(); }
    @Override public Properties getClientInfo() throws SQLException { return d.getClientInfo(); }
    @Override public String getClientInfo(String a0) throws SQLException { return d.getClientInfo(a0); }
    @Override public int getHoldability() throws SQLException { return d.getHoldability(); }
    @Override public DatabaseMetaData getMetaData() throws SQLException { return d.getMetaData(); }
    @Override public int getNetworkTimeout() throws SQLException { return d.getNetworkTimeout(); }
    @Override public String getSchema() throws SQLException { return d.getSchema(); }
    @Override public int getTransactionIsolation() throws SQLException { return d.getTransactionIsolation(); }
    @Override public Map<String, Class<?>> getTypeMap() throws SQLException { return d.getTypeMap(); }
    @Override public SQLWarning getWarnings() throws SQLException { return d.getWarnings(); }
    @Override public boolean isClosed() throws SQLException { return d.isClosed(); }
    @Override public boolean isReadOnly() throws SQLException { return d.isReadOnly(); }
    @Override public boolean isValid(int a0) throws SQLException { return d.isValid(a0); }
    @Override public String nativeSQL(String a0) throws SQLException { return d.nativeSQL(a0); }
    @Override public void releaseSavepoint(Savepoint a0) throws SQLException { d.releaseSavepoint(a0); }
    @Override public void rollback() throws SQLException { d.rollback(); }
    @Override public void rollback(Savepoint a0) throws SQLException { d.rollback(a0); }
    @Override public void setAutoCommit(boolean a0) throws SQLException { d.setAutoCommit(a0); }
    @Override public void setCatalog(String a0) throws SQLException { d.setCatalog(a0); }
    @Override public void setClientInfo(Properties a0) throws SQLClientInfoException { d.setClientInfo(a0); }
    @Override public void setClientInfo(String a0, String a1) throws SQLClientInfoException { d.setClientInfo(a0, a1); }
    @Override public void setHoldability(int a0) throws SQLException { d.setHoldability(a0); }
    @Override public void setNetworkTimeout(java.util.concurrent.Executor a0, int a1) throws SQLException { d.setNetworkTimeout(a0, a1); }
    @Override public void setReadOnly(boolean a0) throws SQLException { d.setReadOnly(a0); }
    @Override public Savepoint setSavepoint() throws SQLException { return d.setSavepoint(); }
    @Override public Savepoint setSavepoint(String a0) throws SQLException { return d.setSavepoint(a0); }
    @Override public void setSchema(String a0) throws SQLException { d.setSchema(a0); }
    @Override public void setShardingKey(ShardingKey a0) throws SQLException { d.setShardingKey(a0); }
    @Override public void setShardingKey(ShardingKey a0, ShardingKey a1) throws SQLException { d.setShardingKey(a0, a1); }
    @Override public boolean setShardingKeyIfValid(ShardingKey a0, ShardingKey a1, int a2) throws SQLException { return d.setShardingKeyIfValid(a0, a1, a2); }
    @Override public boolean setShardingKeyIfValid(ShardingKey a0, int a1) throws SQLException { return d.setShardingKeyIfValid(a0, a1); }
    @Override public void setTransactionIsolation(int a0) throws SQLException { d.setTransactionIsolation(a0); }
    @Override public void setTypeMap(Map<String, Class<?>> a0) throws SQLException { d.setTypeMap(a0); }
}
