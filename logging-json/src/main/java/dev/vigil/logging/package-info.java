/**
 * Zero-config JSON logs through SLF4J, Logback and logstash-logback-encoder, carrying the trace id and
 * redacted by core's one redaction policy. Filled by the logging issue.
 */
package dev.vigil.logging;
