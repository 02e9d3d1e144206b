package dev.vigil.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DbInfoTest {
    @Test
    void theSystemAndServerComeFromTheJdbcUrl() {
        assertThat(DbInfo.fromUrl("jdbc:postgresql://db.internal:5433/shop?ssl=true", "shop"))
                .isEqualTo(new DbInfo("postgresql", "shop", "db.internal", 5433));
        assertThat(DbInfo.fromUrl("jdbc:h2:mem:orders", "ORDERS")).isEqualTo(new DbInfo("h2database", "ORDERS", null, -1));
        assertThat(DbInfo.fromUrl("jdbc:mysql://user@mysql:3306/app", null).system()).isEqualTo("mysql");
        assertThat(DbInfo.fromUrl("jdbc:mariadb://m/app", null).address()).isEqualTo("m");
        assertThat(DbInfo.fromUrl("jdbc:sqlserver://sql:1433;databaseName=x", null))
                .isEqualTo(new DbInfo("microsoft.sql_server", null, "sql", 1433));
        assertThat(DbInfo.fromUrl("jdbc:oracle:thin:@//ora:1521/XE", null).system()).isEqualTo("oracle.db");
        assertThat(DbInfo.fromUrl("jdbc:weird:x", null).system()).isEqualTo("other_sql");
        assertThat(DbInfo.fromUrl(null, null).system()).isEqualTo("other_sql");
    }
}
