/**
 * JDBC observation behind {@code vigil.db().dataSource(...)}: proxies of the driver's objects, the SQL
 * tokenizer that derives operation, tables and summary, and the query-text sanitizer.
 *
 * <p>Internal: not part of Vigil's API.
 */
package dev.vigil.internal.db;
