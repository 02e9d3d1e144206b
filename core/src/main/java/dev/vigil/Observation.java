package dev.vigil;

/**
 * One started observation: a span (when tracing is on), an optional timer, the log context and the error
 * report, fed from one call site. It is current on the starting thread until {@link #close()}.
 *
 * <pre>{@code
 * try (Observation o = vigil.observation("POST /orders").kind(SpanKind.CLIENT).tag("plan", plan).start()) {
 *     try {
 *         send();
 *     } catch (IOException e) {
 *         o.error(e);
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>Never throws. Close it on the thread that started it, exactly once; later closes are ignored.
 */
public interface Observation extends AutoCloseable {
    /**
     * Marks the observation failed: {@code error.type} is the exception's class name on the span and the
     * metric, the span status is ERROR and the exception is recorded once.
     *
     * @param error the failure
     * @return this observation
     */
    Observation error(Throwable error);

    /**
     * Adds a span attribute after start (not a metric tag: those are fixed at start).
     *
     * @param key the attribute key
     * @param value the attribute value
     * @return this observation
     */
    Observation attribute(String key, String value);

    /** @return the trace and span ids of this observation; invalid when nothing is installed */
    dev.vigil.trace.SpanContext spanContext();

    /** Restores the previous context, ends the span and records the timer. */
    @Override
    void close();
}
