package dev.vigil.internal.operations;

/** A rule of a Prometheus rule group: an alert or a recording rule. */
sealed interface Rule permits AlertRule, RecordingRule {
}
