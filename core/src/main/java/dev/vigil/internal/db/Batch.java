package dev.vigil.internal.db;

/**
 * The statements added to one statement's batch, reduced to what names the batch when it runs: how many, the first
 * text, and whether they are of different kinds. A statement is used by one thread at a time (JDBC's contract), so
 * this needs no lock.
 */
final class Batch {
    private long size;
    private String sql;
    private boolean mixed;

    void add(String text) {
        size++;
        if (sql == null) {
            sql = text;
        } else if (!mixed && text != null && !text.equals(sql)) {
            mixed = !sameOperation(sql, text);
        }
    }

    void clear() {
        size = 0;
        sql = null;
        mixed = false;
    }

    long size() {
        return size;
    }

    /** A batch of one kind of statement reads as that statement, prefixed ({@code BATCH INSERT orders}); a mixed one as BATCH. */
    SqlSummary summary() {
        SqlSummary one = SqlSummary.of(sql);
        return mixed || one.operation() == null ? SqlSummary.of(null) : one.asBatch(one.operation());
    }

    /** @return the text that stands for the batch (for db.query.text), or null when it mixes statements */
    String text() {
        return size == 1 || !mixed ? sql : null;
    }

    private static boolean sameOperation(String a, String b) {
        SqlSummary x = SqlSummary.of(a);
        SqlSummary y = SqlSummary.of(b);
        return x.summary() != null && x.summary().equals(y.summary());
    }
}
