package dev.vigil.internal.db;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A {@link PreparedStatement} whose executions are observed as {@link ObservedStatement}'s are, under the text it was
 * prepared with. Written out for the same reason: binding the parameters is most of a prepared query's calls. Every
 * method but the executions and {@code addBatch()} is the driver's, one generated line each.
 */
@SuppressWarnings("deprecation") // setUnicodeStream must still reach the driver
final class ObservedPreparedStatement extends ObservedStatement implements PreparedStatement {
    private final PreparedStatement p;

    ObservedPreparedStatement(JdbcObserver observer, ObservedConnection connection, PreparedStatement target, String sql) {
        super(observer, connection, target, sql);
        this.p = target;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        long t = begin(preparedSql);
        Throwable f = null;
        try { return rows(p.executeQuery()); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public boolean execute() throws SQLException {
        long t = begin(preparedSql);
        Throwable f = null;
        try { return p.execute(); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public int executeUpdate() throws SQLException {
        long t = begin(preparedSql);
        Throwable f = null;
        try { return p.executeUpdate(); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        long t = begin(preparedSql);
        Throwable f = null;
        try { return p.executeLargeUpdate(); } catch (Throwable e) { f = e; throw e; } finally { end(t, f); }
    }

    @Override
    public void addBatch() throws SQLException {
        p.addBatch();
        addToBatch(preparedSql);
    }

    // Everything below is the driver's.
    @Override public void clearParameters() throws SQLException { p.clearParameters(); }
    @Override public ResultSetMetaData getMetaData() throws SQLException { return p.getMetaData(); }
    @Override public ParameterMetaData getParameterMetaData() throws SQLException { return p.getParameterMetaData(); }
    @Override public void setArray(int a0, Array a1) throws SQLException { p.setArray(a0, a1); }
    @Override public void setAsciiStream(int a0, java.io.InputStream a1) throws SQLException { p.setAsciiStream(a0, a1); }
    @Override public void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException { p.setAsciiStream(a0, a1, a2); }
    @Override public void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException { p.setAsciiStream(a0, a1, a2); }
    @Override public void setBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException { p.setBigDecimal(a0, a1); }
    @Override public void setBinaryStream(int a0, java.io.InputStream a1) throws SQLException { p.setBinaryStream(a0, a1); }
    @Override public void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException { p.setBinaryStream(a0, a1, a2); }
    @Override public void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException { p.setBinaryStream(a0, a1, a2); }
    @Override public void setBlob(int a0, Blob a1) throws SQLException { p.setBlob(a0, a1); }
    @Override public void setBlob(int a0, java.io.InputStream a1) throws SQLException { p.setBlob(a0, a1); }
    @Override public void setBlob(int a0, java.io.InputStream a1, long a2) throws SQLException { p.setBlob(a0, a1, a2); }
    @Override public void setBoolean(int a0, boolean a1) throws SQLException { p.setBoolean(a0, a1); }
    @Override public void setByte(int a0, byte a1) throws SQLException { p.setByte(a0, a1); }
    @Override public void setBytes(int a0, byte[] a1) throws SQLException { p.setBytes(a0, a1); }
    @Override public void setCharacterStream(int a0, java.io.Reader a1) throws SQLException { p.setCharacterStream(a0, a1); }
    @Override public void setCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException { p.setCharacterStream(a0, a1, a2); }
    @Override public void setCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException { p.setCharacterStream(a0, a1, a2); }
    @Override public void setClob(int a0, Clob a1) throws SQLException { p.setClob(a0, a1); }
    @Override public void setClob(int a0, java.io.Reader a1) throws SQLException { p.setClob(a0, a1); }
    @Override public void setClob(int a0, java.io.Reader a1, long a2) throws SQLException { p.setClob(a0, a1, a2); }
    @Override public void setDate(int a0, Date a1) throws SQLException { p.setDate(a0, a1); }
    @Override public void setDate(int a0, Date a1, Calendar a2) throws SQLException { p.setDate(a0, a1, a2); }
    @Override public void setDouble(int a0, double a1) throws SQLException { p.setDouble(a0, a1); }
    @Override public void setFloat(int a0, float a1) throws SQLException { p.setFloat(a0, a1); }
    @Override public void setInt(int a0, int a1) throws SQLException { p.setInt(a0, a1); }
    @Override public void setLong(int a0, long a1) throws SQLException { p.setLong(a0, a1); }
    @Override public void setNCharacterStream(int a0, java.io.Reader a1) throws SQLException { p.setNCharacterStream(a0, a1); }
    @Override public void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException { p.setNCharacterStream(a0, a1, a2); }
    @Override public void setNClob(int a0, NClob a1) throws SQLException { p.setNClob(a0, a1); }
    @Override public void setNClob(int a0, java.io.Reader a1) throws SQLException { p.setNClob(a0, a1); }
    @Override public void setNClob(int a0, java.io.Reader a1, long a2) throws SQLException { p.setNClob(a0, a1, a2); }
    @Override public void setNString(int a0, String a1) throws SQLException { p.setNString(a0, a1); }
    @Override public void setNull(int a0, int a1) throws SQLException { p.setNull(a0, a1); }
    @Override public void setNull(int a0, int a1, String a2) throws SQLException { p.setNull(a0, a1, a2); }
    @Override public void setObject(int a0, Object a1) throws SQLException { p.setObject(a0, a1); }
    @Override public void setObject(int a0, Object a1, SQLType a2) throws SQLException { p.setObject(a0, a1, a2); }
    @Override public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException { p.setObject(a0, a1, a2, a3); }
    @Override public void setObject(int a0, Object a1, int a2) throws SQLException { p.setObject(a0, a1, a2); }
    @Override public void setObject(int a0, Object a1, int a2, int a3) throws SQLException { p.setObject(a0, a1, a2, a3); }
    @Override public void setRef(int a0, Ref a1) throws SQLException { p.setRef(a0, a1); }
    @Override public void setRowId(int a0, RowId a1) throws SQLException { p.setRowId(a0, a1); }
    @Override public void setSQLXML(int a0, SQLXML a1) throws SQLException { p.setSQLXML(a0, a1); }
    @Override public void setShort(int a0, short a1) throws SQLException { p.setShort(a0, a1); }
    @Override public void setString(int a0, String a1) throws SQLException { p.setString(a0, a1); }
    @Override public void setTime(int a0, Time a1) throws SQLException { p.setTime(a0, a1); }
    @Override public void setTime(int a0, Time a1, Calendar a2) throws SQLException { p.setTime(a0, a1, a2); }
    @Override public void setTimestamp(int a0, Timestamp a1) throws SQLException { p.setTimestamp(a0, a1); }
    @Override public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException { p.setTimestamp(a0, a1, a2); }
    @Override public void setURL(int a0, java.net.URL a1) throws SQLException { p.setURL(a0, a1); }
    @Override public void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws SQLException { p.setUnicodeStream(a0, a1, a2); }
}
