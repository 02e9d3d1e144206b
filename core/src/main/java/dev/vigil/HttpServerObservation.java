package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.conventions.HttpConventions;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.propagation.Propagation;
import dev.vigil.propagation.TextMapGetter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One server request observed after the HTTP server conventions, for integrations with servers other than the JDK's
 * (a servlet filter, for example); from {@link Http#serverObservation}. It is started detached, so that an
 * asynchronous request may end on another thread.
 *
 * <pre>{@code
 * HttpServerObservation o = vigil.http().serverObservation(req.getMethod(), req.getScheme(), route, req, getter);
 * try (Scope s = o.makeCurrent()) {
 *     chain.doFilter(req, res);
 * } catch (IOException | RuntimeException e) {
 *     o.end(500, e, req.getContentLengthLong(), -1);
 *     throw e;
 * }
 * o.end(res.getStatus(), null, req.getContentLengthLong(), -1);
 * }</pre>
 */
public final class HttpServerObservation {
    /** Copied once: {@link MetricConvention#buckets()} returns a fresh copy on each call. */
    private static final double[] REQUEST_SIZE_BUCKETS = HttpConventions.SERVER_REQUEST_BODY_SIZE.buckets();
    private static final double[] RESPONSE_SIZE_BUCKETS = HttpConventions.SERVER_RESPONSE_BODY_SIZE.buckets();

    private final Vigil vigil;
    private final Observation observation;
    private final String method;
    private final String scheme;
    private final AtomicLong active;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private volatile String route;

    HttpServerObservation(Vigil vigil, Http http, String rawMethod, String scheme, String route) {
        this.vigil = vigil;
        this.method = Http.method(rawMethod);
        this.scheme = "https".equals(scheme) ? "https" : "http";
        this.route = route;
        this.active = http.active(method, this.scheme);
        active.incrementAndGet();
        ObservationBuilder b = vigil.observation(Http.spanName(method, route)).kind(SpanKind.SERVER);
        // The convention of this name gives the timer its HELP text and buckets.
        b.timer(HttpConventions.SERVER_REQUEST_DURATION.name());
        b.tag("http.request.method", method).tag("url.scheme", this.scheme);
        if (route != null) {
            b.tag("http.route", route);
        }
        if (Http.OTHER_METHOD.equals(method)) {
            b.attribute("http.request.method_original", String.valueOf(rawMethod));
        }
        this.observation = b.startDetached();
    }

    @SuppressWarnings("try") // the remote scope is opened for its effect
    static <C> HttpServerObservation start(Vigil vigil, Http http, String method, String scheme, String route,
                                           C carrier, TextMapGetter<C> getter) {
        // The caller's context is current only while the observation starts: it becomes its parent.
        try (Scope remote = Propagation.w3c().extract(carrier, getter).makeCurrent()) {
            return new HttpServerObservation(vigil, http, method, scheme, route);
        }
    }

    /** @return the observation, for attributes such as {@code url.path} */
    public Observation observation() {
        return observation;
    }

    /**
     * Sets the route once the framework knows it (after dispatch): the metric tag, the span attribute and the span
     * name, which becomes {@code {method} {route}}.
     *
     * @param template the route template; null keeps the current one
     * @return this
     */
    public HttpServerObservation route(String template) {
        if (template != null && !template.equals(route)) {
            route = template;
            observation.tag("http.route", template).updateName(Http.spanName(method, template));
        }
        return this;
    }

    /**
     * Makes the server span current on this thread, for the handler's work.
     *
     * @return the scope to close on this thread
     */
    public Scope makeCurrent() {
        return observation.makeCurrent();
    }

    /**
     * Ends the request, once (later calls are ignored), from any thread.
     *
     * @param status the response status, or a value below 100 when none was sent
     * @param failure what the handler threw, or null
     * @param requestBytes the request body size, or -1 when unknown
     * @param responseBytes the response body size, or -1 when unknown
     */
    public void end(int status, Throwable failure, long requestBytes, long responseBytes) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        String statusText = status >= 100 ? Integer.toString(status) : null;
        String errorType = null;
        if (statusText != null) {
            observation.tag("http.response.status_code", statusText);
            observation.attribute("http.response.status_code", (long) status); // an integer on the span
        }
        if (status >= 500) {
            errorType = statusText;
            observation.errorType(statusText);
        }
        if (failure != null) {
            observation.error(failure);
            if (errorType == null) {
                errorType = failure.getClass().getName();
            }
        }
        observation.close();
        active.decrementAndGet();
        String template = route;
        dev.vigil.internal.HealthModel health = vigil.parts().healthModel();
        if (health != null) {
            health.serverRequest(template, status, failure != null, System.nanoTime() - startNanos);
        }
        if (requestBytes >= 0) {
            record(HttpConventions.SERVER_REQUEST_BODY_SIZE, REQUEST_SIZE_BUCKETS, requestBytes, template, statusText, errorType);
        }
        if (responseBytes >= 0) {
            record(HttpConventions.SERVER_RESPONSE_BODY_SIZE, RESPONSE_SIZE_BUCKETS, responseBytes, template, statusText, errorType);
        }
    }

    private void record(MetricConvention c, double[] buckets, long bytes, String template, String status, String errorType) {
        Kpi k = vigil.kpi(c.name()).unit(c.unit()).description(c.description()).buckets(buckets)
                .tag("http.request.method", method).tag("url.scheme", scheme);
        if (template != null) {
            k.tag("http.route", template);
        }
        if (status != null) {
            k.tag("http.response.status_code", status);
        }
        if (errorType != null) {
            k.tag("error.type", errorType);
        }
        k.record(bytes);
    }
}
