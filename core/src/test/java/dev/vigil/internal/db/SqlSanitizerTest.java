package dev.vigil.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlSanitizerTest {
    @Test
    void literalsBecomePlaceholders() {
        assertThat(SqlSanitizer.sanitize("SELECT * FROM users WHERE email = 'a@b.c' AND age > 42 AND score < 1.5e3"))
                .isEqualTo("SELECT * FROM users WHERE email = ? AND age > ? AND score < ?");
        assertThat(SqlSanitizer.sanitize("UPDATE t SET name = 'O''Brien' WHERE id = ?"))
                .isEqualTo("UPDATE t SET name = ? WHERE id = ?");
    }

    @Test
    void inListsCollapseAndIdentifiersWithDigitsStay() {
        assertThat(SqlSanitizer.sanitize("SELECT col1 FROM t2 WHERE id IN (1, 2, 3) AND k in ('a','b')"))
                .isEqualTo("SELECT col1 FROM t2 WHERE id IN (?) AND k in (?)");
        assertThat(SqlSanitizer.sanitize("SELECT a FROM t WHERE id IN (SELECT id FROM u WHERE v = 7)"))
                .isEqualTo("SELECT a FROM t WHERE id IN (SELECT id FROM u WHERE v = ?)");
    }

    @Test
    void commentsAreDroppedAndQuotedIdentifiersKept() {
        assertThat(SqlSanitizer.sanitize("SELECT \"Total 1\" FROM t /* user=bob */ WHERE x = 1 -- secret 'pw'"))
                .isEqualTo("SELECT \"Total 1\" FROM t  WHERE x = ? ");
    }

    @Test
    void theTextIsBounded() {
        assertThat(SqlSanitizer.sanitize("SELECT " + "a".repeat(100_000)).length()).isLessThanOrEqualTo(SqlSanitizer.MAX_LENGTH);
    }
}
