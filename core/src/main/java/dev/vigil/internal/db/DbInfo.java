package dev.vigil.internal.db;

import dev.vigil.internal.ApiWarnings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a data source connects to, read once from the driver's metadata: {@code db.system.name} from the JDBC
 * URL's sub-protocol, {@code db.namespace} from the catalog, server address and port from the URL when it
 * names a host.
 *
 * @param system the {@code db.system.name}
 * @param namespace the {@code db.namespace}, or null
 * @param address the server address, or null
 * @param port the server port, or -1
 */
record DbInfo(String system, String namespace, String address, int port) {
    static final DbInfo UNKNOWN = new DbInfo("other_sql", null, null, -1);

    static DbInfo read(Connection c) {
        try {
            String url = c.getMetaData().getURL();
            String catalog = c.getCatalog();
            return fromUrl(url, catalog == null || catalog.isEmpty() ? null : catalog);
        } catch (SQLException | RuntimeException e) {
            ApiWarnings.warn("instrumentation", "could not read the database's metadata: " + e.getClass().getName());
            return UNKNOWN;
        }
    }

    static DbInfo fromUrl(String url, String namespace) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return new DbInfo(UNKNOWN.system, namespace, null, -1);
        }
        int end = url.indexOf(':', 5);
        String sub = (end < 0 ? url.substring(5) : url.substring(5, end)).toLowerCase(Locale.ROOT);
        String address = null;
        int port = -1;
        int slashes = url.indexOf("//");
        if (slashes > 0) {
            int hostEnd = slashes + 2;
            while (hostEnd < url.length() && "/;?,".indexOf(url.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            String host = url.substring(slashes + 2, hostEnd);
            int at = host.lastIndexOf('@');
            host = at >= 0 ? host.substring(at + 1) : host;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(']') < colon) {
                try {
                    port = Integer.parseInt(host.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                host = host.substring(0, colon);
            }
            address = host.isEmpty() ? null : host;
        }
        return new DbInfo(system(sub), namespace, address, port);
    }

    /** Maps a JDBC sub-protocol to its {@code db.system.name}. */
    static String system(String sub) {
        return switch (sub) {
            case "h2" -> "h2database"; // the semantic conventions' well-known value
            case "postgresql", "pgsql" -> "postgresql";
            case "mysql" -> "mysql";
            case "mariadb" -> "mariadb";
            case "oracle" -> "oracle.db";
            case "sqlserver", "jtds" -> "microsoft.sql_server";
            case "db2" -> "ibm.db2";
            case "hsqldb" -> "hsqldb";
            case "derby" -> "derby";
            case "sqlite" -> "sqlite";
            case "clickhouse", "ch" -> "clickhouse";
            case "cockroachdb" -> "cockroachdb";
            case "snowflake" -> "snowflake";
            case "trino" -> "trino";
            default -> "other_sql";
        };
    }
}
