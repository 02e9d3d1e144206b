/**
 * Zero-config JSON logs through SLF4J, Logback and logstash-logback-encoder: one object per line carrying the
 * caller's trace, the request's context and a pseudonymised user id, redacted by core's one redaction policy,
 * behind a bounded queue that never blocks the caller past its bound. Start with
 * {@link dev.vigil.logging.VigilJsonEncoder} or add nothing at all: {@link dev.vigil.logging.VigilLogbackConfigurator}
 * configures Logback when no {@code logback.xml} exists.
 */
package dev.vigil.logging;
