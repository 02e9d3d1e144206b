/**
 * HikariCP connection pool metrics for Vigil: with this module on the class path,
 * {@code vigil.db().dataSource(hikariDataSource)} binds the pool's {@code db.client.connection.*} metrics.
 */
package dev.vigil.hikaricp;
