package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.trace.SpanContext;

/**
 * One started observation: a span (when tracing is on), an optional timer, the log context and the error
 * report, fed from one call site.
 *
 * <pre>{@code
 * Observation o = vigil.observation("GET /orders/{id}").kind(SpanKind.SERVER)
 *         .timer("http.server.request.duration")
 *         .tag("http.request.method", "GET")
 *         .attribute("server.port", 8080L)
 *         .start();                                   // current on this thread
 * try {
 *     Response r = handle();
 *     o.tag("http.response.status_code", Integer.toString(r.status()));   // a late tag: metric and span
 *     if (r.status() >= 500) {
 *         o.errorType(Integer.toString(r.status()));  // failed without an exception
 *     }
 * } catch (RuntimeException e) {
 *     o.error(e);
 *     throw e;
 * } finally {
 *     o.close();
 * }
 * }</pre>
 *
 * <p>Life cycle: from {@link ObservationBuilder#start()} it is current on the starting thread until {@link #close()};
 * from {@link ObservationBuilder#startDetached()} it is current nowhere until {@link #makeCurrent()}, on any thread.
 * {@link #close()} may run on any thread, exactly once: later and concurrent closes are ignored. When an observation
 * from {@code start()} is closed on another thread, it ends normally (span, timer, handlers), but the starting
 * thread's context cannot be changed from there: that thread keeps seeing it as current until the scope that
 * encloses it on that thread ends (an enclosing observation or {@code Scope} closes, or the task of a
 * {@code vigil.context()} wrapper returns), which restores the context from before it.
 *
 * <p>The other methods are for the thread that owns the observation (or code that handed it over with a
 * happens-before edge, as an executor does); after close they are ignored. Never throws: bad input is a no-op
 * with a rate-limited warning.
 */
public interface Observation extends AutoCloseable {
    /**
     * Adds or replaces a low-cardinality tag after start: a tag of the timer (looked up at close with the final
     * tags) and a span attribute. A tag set again later wins.
     *
     * @param key the key
     * @param value the value
     * @return this observation
     */
    Observation tag(String key, String value);

    /**
     * Adds a span attribute (not a metric tag); a key set again later wins.
     *
     * @param key the attribute key
     * @param value the value
     * @return this observation
     */
    Observation attribute(String key, String value);

    /**
     * Adds an integer span attribute, exported as an integer.
     *
     * @param key the attribute key
     * @param value the value
     * @return this observation
     */
    Observation attribute(String key, long value);

    /**
     * Adds a floating-point span attribute.
     *
     * @param key the attribute key
     * @param value the value
     * @return this observation
     */
    Observation attribute(String key, double value);

    /**
     * Adds a boolean span attribute.
     *
     * @param key the attribute key
     * @param value the value
     * @return this observation
     */
    Observation attribute(String key, boolean value);

    /**
     * Adds a span attribute whose value is a list of strings, exported as a string array (for example
     * {@code gen_ai.response.finish_reasons}); a key set again later wins. Observations that keep no span ignore it.
     *
     * @param key the attribute key
     * @param values the values, copied
     * @return this observation
     */
    default Observation attribute(String key, java.util.List<String> values) {
        return this;
    }

    /**
     * Marks the observation failed: the span status is ERROR, the exception is recorded once, and
     * {@code error.type} is the exception's class name on the span and the metric, unless {@link #errorType}
     * gives one.
     *
     * @param error the failure
     * @return this observation
     */
    Observation error(Throwable error);

    /**
     * Marks the observation failed without an exception, for example an HTTP 503: {@code error.type} is this
     * value on the span and the metric, and the span status is ERROR. It wins over the class name of an
     * {@link #error(Throwable) error}.
     *
     * @param errorType a low-cardinality type, for example {@code "503"} or {@code "timeout"}
     * @return this observation
     */
    Observation errorType(String errorType);

    /**
     * Records a timestamped span event, for example {@code gen_ai.first_chunk}.
     *
     * @param name the event name
     * @return this observation
     */
    Observation event(String name);

    /**
     * Makes this observation current on the calling thread until the scope is closed, on that thread: logs,
     * propagation and child observations then see its span. For a detached observation, on whichever thread does
     * its work; closing the scope does not end the observation.
     *
     * <pre>{@code
     * Observation a = vigil.observation("orders process").kind(SpanKind.CONSUMER).startDetached();
     * try (Scope s = a.makeCurrent()) {
     *     handle();
     * }
     * executor.execute(a::close);
     * }</pre>
     *
     * @return the scope to close
     */
    Scope makeCurrent();

    /** @return the trace and span ids of this observation; invalid when nothing is installed */
    SpanContext spanContext();

    /**
     * Ends the observation: restores the previous context when called on the thread it was started on with
     * {@code start()}, records the timer with the final tags, ends the span. From any thread, exactly once.
     */
    @Override
    void close();
}
