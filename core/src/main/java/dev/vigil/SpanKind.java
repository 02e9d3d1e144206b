package dev.vigil;

/** The role of a span, as OpenTelemetry's {@code SpanKind}. */
public enum SpanKind {
    /** Work inside the service; the default. */
    INTERNAL,
    /** Handling a request from a remote client. */
    SERVER,
    /** A request to a remote service. */
    CLIENT,
    /** Sending a message to a broker. */
    PRODUCER,
    /** Processing a message from a broker. */
    CONSUMER
}
