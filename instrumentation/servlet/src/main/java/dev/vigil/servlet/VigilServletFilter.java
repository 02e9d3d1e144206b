package dev.vigil.servlet;

import dev.vigil.HttpServerObservation;
import dev.vigil.Vigil;
import dev.vigil.context.Scope;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Observes every HTTP request after the OpenTelemetry HTTP server conventions: {@code http.server.request.duration},
 * {@code http.server.active_requests}, {@code http.server.request.body.size} (from the declared length) and
 * {@code http.server.response.body.size} (when the response declares its length), and a {@code SERVER} span that
 * continues the caller's W3C trace.
 *
 * <p>The route ({@code http.route}) is Spring MVC's best-matching pattern when the request went through Spring's
 * dispatcher (read as a request attribute: no Spring dependency), else the servlet mapping's pattern
 * ({@code /orders/*}), else none; never the raw path. An asynchronous request is observed until it completes.
 *
 * <pre>{@code
 * ServletContextHandler context = ...;
 * context.addFilter(new FilterHolder(new VigilServletFilter(vigil)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
public final class VigilServletFilter implements Filter {
    /** Where Spring MVC puts the pattern of the handler that matched, for example {@code /orders/{id}}. */
    static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    /** Marks a request already observed, so that a forward or an async re-dispatch is not counted twice. */
    private static final String OBSERVED = VigilServletFilter.class.getName() + ".observation";

    private final Vigil vigil;

    /** Observes into {@link Vigil#global()}, as it is at each request. */
    public VigilServletFilter() {
        this(null);
    }

    /**
     * @param vigil the Vigil to observe into; null for {@link Vigil#global()} at each request
     */
    public VigilServletFilter(Vigil vigil) {
        this.vigil = vigil;
    }

    @Override
    @SuppressWarnings("try") // the span's scope is opened for its effect
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Vigil v = vigil != null ? vigil : Vigil.global();
        if (v.isNoop() || !(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)
                || request.getAttribute(OBSERVED) != null) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        HttpServerObservation o = v.http().serverObservation(req.getMethod(), req.getScheme(), mappingRoute(req),
                req, RequestHeaders.INSTANCE);
        req.setAttribute(OBSERVED, o);
        Throwable failure = null;
        try (Scope s = o.makeCurrent()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (failure == null && req.isAsyncStarted()) {
                req.getAsyncContext().addListener(new Completion(o, req, res));
            } else {
                end(o, req, res, failure);
            }
        }
    }

    static void end(HttpServerObservation o, HttpServletRequest req, HttpServletResponse res, Throwable failure) {
        Object pattern = req.getAttribute(SPRING_PATTERN);
        if (pattern instanceof String) {
            o.route((String) pattern);
        }
        // An exception that escapes the filter becomes a 500 from the container, unless the response went out.
        int status = failure != null && !res.isCommitted() ? 500 : res.getStatus();
        long requestBytes = req.getContentLengthLong();
        o.end(status, failure, requestBytes < 0 ? -1 : requestBytes, declaredLength(res));
    }

    private static long declaredLength(HttpServletResponse res) {
        String length = res.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The servlet mapping's pattern under the context path: {@code /shop/orders/*}; null when unmapped. */
    static String mappingRoute(HttpServletRequest req) {
        HttpServletMapping mapping = req.getHttpServletMapping();
        if (mapping == null || mapping.getMappingMatch() == null) {
            return null;
        }
        String context = req.getContextPath() == null ? "" : req.getContextPath();
        switch (mapping.getMappingMatch()) {
            case CONTEXT_ROOT:
                return context + "/";
            case DEFAULT:
                return context + "/*";
            case EXACT:
            case PATH:
            case EXTENSION:
                String pattern = mapping.getPattern();
                return pattern == null ? null : pattern.startsWith("*.") ? pattern : context + pattern;
            default:
                return null;
        }
    }

    /** Ends an asynchronous request when it completes, with the failure of an error or a timeout. */
    private static final class Completion implements AsyncListener {
        private final HttpServerObservation o;
        private final HttpServletRequest req;
        private final HttpServletResponse res;
        private volatile Throwable failure;

        Completion(HttpServerObservation o, HttpServletRequest req, HttpServletResponse res) {
            this.o = o;
            this.req = req;
            this.res = res;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end(o, req, res, failure);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            failure = event.getThrowable();
        }

        @Override
        public void onError(AsyncEvent event) {
            failure = event.getThrowable();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // a new async cycle drops the listeners; stay on it
        }
    }
}
