package dev.vigil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.vigil.context.Scope;
import dev.vigil.conventions.HttpConventions;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.ManualObservation;
import dev.vigil.propagation.HttpExchangePropagation;
import dev.vigil.propagation.PropagatedContext;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** A JDK server handler observed after the HTTP server conventions; from {@link Http#serverHandler}. */
final class ObservedHttpHandler implements HttpHandler {
    private final Vigil vigil;
    private final Http http;
    private final Function<? super HttpExchange, String> route;
    private final HttpHandler delegate;

    ObservedHttpHandler(Vigil vigil, Http http, Function<? super HttpExchange, String> route, HttpHandler delegate) {
        this.vigil = vigil;
        this.http = http;
        this.route = route;
        this.delegate = delegate;
    }

    @Override
    @SuppressWarnings("try") // the extracted context's scope is opened for its effect
    public void handle(HttpExchange exchange) throws IOException {
        if (vigil.isNoop()) {
            delegate.handle(exchange);
            return;
        }
        String method = Http.method(exchange.getRequestMethod());
        String scheme = exchange instanceof HttpsExchange ? "https" : "http";
        String template = routeOf(exchange);
        CountingIn in = new CountingIn(exchange.getRequestBody());
        CountingOut out = new CountingOut(exchange.getResponseBody());
        exchange.setStreams(in, out);
        AtomicLong active = http.active(method, scheme);
        active.incrementAndGet();
        PropagatedContext remote = HttpExchangePropagation.extract(exchange);
        try (Scope parent = remote.makeCurrent()) {
            ObservationBuilder b = vigil.observation(Http.spanName(method, template)).kind(SpanKind.SERVER);
            if (b instanceof ManualObservation) {
                ((ManualObservation) b).timer(HttpConventions.SERVER_REQUEST_DURATION);
            }
            b.tag("http.request.method", method).tag("url.scheme", scheme);
            if (template != null) {
                b.tag("http.route", template);
            }
            if (Http.OTHER_METHOD.equals(method)) {
                b.attribute("http.request.method_original", String.valueOf(exchange.getRequestMethod()));
            }
            b.attribute("url.path", String.valueOf(exchange.getRequestURI().getRawPath()));
            Observation o = b.start();
            Throwable failure = null;
            try {
                delegate.handle(exchange);
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                finish(exchange, o, failure, method, scheme, template, in, out);
                active.decrementAndGet();
            }
        }
    }

    private String routeOf(HttpExchange exchange) {
        try {
            return route.apply(exchange);
        } catch (RuntimeException e) {
            ApiWarnings.warn("invalid-http", "the route function failed (" + e.getClass().getName() + "); no route is recorded");
            return null;
        }
    }

    /** Late tags (the status is known only now), the error, the close; body sizes with the same tags. */
    private void finish(HttpExchange exchange, Observation o, Throwable failure, String method, String scheme,
                        String template, CountingIn in, CountingOut out) {
        int status = exchange.getResponseCode();
        String statusText = status > 0 ? Integer.toString(status) : null;
        String errorType = null;
        if (statusText != null) {
            o.tag("http.response.status_code", statusText);
            o.attribute("http.response.status_code", (long) status); // an integer on the span
        }
        if (status >= 500) {
            errorType = statusText;
            o.errorType(statusText);
        }
        if (failure != null) {
            o.error(failure);
            if (errorType == null) {
                errorType = failure.getClass().getName();
            }
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long requestBytes = in.count;
        if (length != null) {
            try {
                requestBytes = Math.max(requestBytes, Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                // a malformed length: what was read is the best measure left
            }
        }
        o.close();
        record(HttpConventions.SERVER_REQUEST_BODY_SIZE, requestBytes, method, scheme, template, statusText, errorType);
        record(HttpConventions.SERVER_RESPONSE_BODY_SIZE, out.count, method, scheme, template, statusText, errorType);
    }

    private void record(MetricConvention c, long bytes, String method, String scheme, String template,
                        String status, String errorType) {
        Kpi k = vigil.kpi(c.name()).unit(c.unit()).description(c.description()).buckets(c.buckets())
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

    /** Counts what the handler reads; one thread, as the exchange. */
    private static final class CountingIn extends FilterInputStream {
        long count;

        CountingIn(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Counts what the handler writes. */
    private static final class CountingOut extends FilterOutputStream {
        long count;

        CountingOut(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
