package dev.vigil.logging;

/**
 * The names of the fields of a line: Vigil's own (snake case, OpenTelemetry's {@code trace_id}) or Elastic Common
 * Schema's, written as dotted keys at the top level as ECS logging does ({@code "log.level":"INFO"}).
 */
final class FieldNames {
    static final FieldNames JSON = new FieldNames(false, "timestamp", "level", "logger", "thread", "message",
            "service", "environment", "version", "trace_id", "span_id", "trace_flags", "context", "error",
            "type", "message", "stack_trace", "stack_hash", "audit");
    static final FieldNames ECS = new FieldNames(true, "@timestamp", "log.level", "log.logger", "process.thread.name", "message",
            "service.name", "service.environment", "service.version", "trace.id", "span.id", null, "labels", "error",
            "error.type", "error.message", "error.stack_trace", "labels.stack_hash", null);
    /** The ECS version the ECS form follows. */
    static final String ECS_VERSION = "8.11.0";

    /** True for ECS: nested objects are written flat with dotted keys. */
    final boolean ecs;
    final String timestamp;
    final String level;
    final String logger;
    final String thread;
    final String message;
    final String service;
    final String environment;
    final String version;
    final String traceId;
    final String spanId;
    /** Null when the format has no such field (ECS). */
    final String traceFlags;
    final String context;
    final String error;
    final String errorType;
    final String errorMessage;
    final String stackTrace;
    final String stackHash;
    /** Null for ECS, which spreads audit fields over {@code event.*}, {@code user.id} and {@code labels.*}. */
    final String audit;

    private FieldNames(boolean ecs, String timestamp, String level, String logger, String thread, String message,
                       String service, String environment, String version, String traceId, String spanId,
                       String traceFlags, String context, String error, String errorType, String errorMessage,
                       String stackTrace, String stackHash, String audit) {
        this.ecs = ecs;
        this.timestamp = timestamp;
        this.level = level;
        this.logger = logger;
        this.thread = thread;
        this.message = message;
        this.service = service;
        this.environment = environment;
        this.version = version;
        this.traceId = traceId;
        this.spanId = spanId;
        this.traceFlags = traceFlags;
        this.context = context;
        this.error = error;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.stackTrace = stackTrace;
        this.stackHash = stackHash;
        this.audit = audit;
    }
}
