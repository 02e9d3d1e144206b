package dev.vigil;

import dev.vigil.conventions.HttpConventions;
import dev.vigil.propagation.HttpClientPropagation;
import dev.vigil.propagation.PropagatedContext;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client observed after the HTTP client conventions; from {@link Http#client}. Every method other than
 * {@code send} and {@code sendAsync} delegates unchanged.
 */
final class ObservedHttpClient extends HttpClient {
    private final Vigil vigil;
    private final HttpClient delegate;

    ObservedHttpClient(Vigil vigil, HttpClient delegate) {
        this.vigil = vigil;
        this.delegate = delegate;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (vigil.isNoop() || request == null) {
            return delegate.send(request, handler);
        }
        Observation o = begin(request);
        try {
            HttpResponse<T> response = delegate.send(inject(request, o), handler);
            end(o, response, null);
            return response;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            end(o, null, e);
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        if (vigil.isNoop() || request == null) {
            return delegate.sendAsync(request, handler, push);
        }
        Observation o = begin(request);
        CompletableFuture<HttpResponse<T>> future;
        try {
            future = delegate.sendAsync(inject(request, o), handler, push);
        } catch (RuntimeException | Error e) {
            end(o, null, e);
            throw e;
        }
        // Ends when the exchange does, on whichever thread completes it, before the caller's future completes; a
        // cancel of the caller's future reaches the client's, which aborts the exchange.
        CompletableFuture<HttpResponse<T>> observed = new CancelForwarding<>(future);
        future.whenComplete((response, error) -> {
            end(o, response, error);
            if (error != null) {
                observed.completeExceptionally(error);
            } else {
                observed.complete(response);
            }
        });
        return observed;
    }

    /** The caller's future: cancelling it cancels the client's. */
    private static final class CancelForwarding<T> extends CompletableFuture<T> {
        private final CompletableFuture<?> source;

        CancelForwarding(CompletableFuture<?> source) {
            this.source = source;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            // This one first: the client's cancel completes this one at once, and the caller must see "cancelled".
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            source.cancel(mayInterruptIfRunning);
            return cancelled;
        }
    }

    /** A detached CLIENT observation: its span is the parent of the request, wherever it completes. */
    private Observation begin(HttpRequest request) {
        String method = Http.method(request.method());
        URI uri = request.uri();
        String host = uri.getHost() == null ? "" : uri.getHost();
        int port = port(uri);
        ObservationBuilder b = vigil.observation(Http.OTHER_METHOD.equals(method) ? "HTTP" : method)
                .kind(SpanKind.CLIENT);
        // The convention of this name gives the timer its HELP text and buckets.
        b.timer(HttpConventions.CLIENT_REQUEST_DURATION.name());
        b.tag("http.request.method", method)
                .tag("server.address", host)
                .tag("server.port", Integer.toString(port))
                .attribute("server.port", (long) port); // an integer on the span, a label on the metric
        if (Http.OTHER_METHOD.equals(method)) {
            b.attribute("http.request.method_original", request.method());
        }
        return b.startDetached();
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The request again, with the client span's context (or the current one, when none is recorded) in its headers. */
    private static HttpRequest inject(HttpRequest request, Observation o) {
        PropagatedContext current = PropagatedContext.current();
        PropagatedContext context = o.spanContext().isValid()
                ? PropagatedContext.of(o.spanContext(), current.baggage()) : current;
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
        return HttpClientPropagation.inject(context, copy).build();
    }

    private static void end(Observation o, HttpResponse<?> response, Throwable error) {
        if (response != null) {
            int status = response.statusCode();
            String text = Integer.toString(status);
            o.tag("http.response.status_code", text);
            o.attribute("http.response.status_code", (long) status);
            if (status >= 400) {
                o.errorType(text);
            }
        }
        if (error != null) {
            o.error(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }
        o.close();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    @Override
    public String toString() {
        return "ObservedHttpClient{" + delegate + '}';
    }
}
