package dev.vigil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.vigil.context.Scope;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.propagation.HttpExchangePropagation;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    @SuppressWarnings("try") // the server span's scope is opened for its effect
    public void handle(HttpExchange exchange) throws IOException {
        if (vigil.isNoop()) {
            delegate.handle(exchange);
            return;
        }
        CountingIn in = new CountingIn(exchange.getRequestBody());
        CountingOut out = new CountingOut(exchange.getResponseBody());
        exchange.setStreams(in, out);
        HttpServerObservation o = http.serverObservation(exchange.getRequestMethod(),
                exchange instanceof HttpsExchange ? "https" : "http", routeOf(exchange),
                exchange.getRequestHeaders(), HttpExchangePropagation.getter());
        o.observation().attribute("url.path", String.valueOf(exchange.getRequestURI().getRawPath()));
        Throwable failure = null;
        try (Scope s = o.makeCurrent()) {
            delegate.handle(exchange);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            o.end(exchange.getResponseCode(), failure, requestBytes(exchange, in), out.count);
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

    /** The declared length when there is one, else what the handler read. */
    private static long requestBytes(HttpExchange exchange, CountingIn in) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long bytes = in.count;
        if (length != null) {
            try {
                bytes = Math.max(bytes, Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                // a malformed length: what was read is the best measure left
            }
        }
        return bytes;
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
