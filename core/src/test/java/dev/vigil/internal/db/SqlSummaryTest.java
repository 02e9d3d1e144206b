package dev.vigil.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlSummaryTest {
    @Test
    void aSelectNamesItsOperationAndTable() {
        SqlSummary s = SqlSummary.of("select id, total from orders where id = ?");
        assertThat(s.operation()).isEqualTo("SELECT");
        assertThat(s.collection()).isEqualTo("orders");
        assertThat(s.summary()).isEqualTo("SELECT orders");
    }

    @Test
    void joinsAndFromListsNameEveryTableButNoSingleCollection() {
        SqlSummary s = SqlSummary.of("SELECT * FROM orders o JOIN customers c ON o.c = c.id, items WHERE 1 = 1");
        assertThat(s.summary()).isEqualTo("SELECT orders customers");
        assertThat(s.collection()).isNull();
        assertThat(SqlSummary.of("SELECT a FROM t1, t2 WHERE x = 'FROM t3'").summary()).isEqualTo("SELECT t1 t2");
    }

    @Test
    void writesAndDdlAreRead() {
        assertThat(SqlSummary.of("INSERT INTO orders (id) VALUES (1)").summary()).isEqualTo("INSERT orders");
        assertThat(SqlSummary.of("update \"Orders\" set total = 2").summary()).isEqualTo("UPDATE Orders");
        assertThat(SqlSummary.of("DELETE FROM sales.orders WHERE id = 3").summary()).isEqualTo("DELETE sales.orders");
        assertThat(SqlSummary.of("CREATE TABLE IF NOT EXISTS orders (id INT)").summary()).isEqualTo("CREATE TABLE orders");
        assertThat(SqlSummary.of("/* hint */ -- note\n SELECT 1").summary()).isEqualTo("SELECT");
        assertThat(SqlSummary.of("{call refresh_totals(?)}").summary()).isEqualTo("CALL refresh_totals");
    }

    @Test
    void unreadableSqlHasNoSummary() {
        assertThat(SqlSummary.of("EXPLAIN PLAN FOR x").summary()).isNull();
        assertThat(SqlSummary.of("").operation()).isNull();
        assertThat(SqlSummary.of(null).summary()).isNull();
    }

    @Test
    void hugeSqlIsReadOnlyAsFarAsTheBoundAndQuickly() {
        StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE id IN (");
        for (int i = 0; i < 200_000; i++) {
            sql.append(i).append(',');
        }
        sql.append("0) AND name = '").append("x".repeat(100_000)); // an unterminated literal, too
        long start = System.nanoTime();
        SqlSummary s = SqlSummary.of(sql.toString());
        assertThat(s.summary()).isEqualTo("SELECT orders");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
}
