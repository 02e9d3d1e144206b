package dev.vigil.examples.w3c;

import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.propagation.HttpClientPropagation;
import dev.vigil.propagation.PropagatedContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Makes the callbacks of one {@code POST /test}, one after another, each from its own CLIENT span, within a time
 * budget. Failures are logged and recorded on the span, never thrown: the harness checks what it received, and the
 * service must still answer.
 */
final class CallbackClient {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil.examples.w3c");

    private final Vigil vigil;
    private final HttpClient http;

    /**
     * @param vigil where the CLIENT observations go
     * @param connectTimeout the longest a connection may take; a refused one fails at once anyway
     */
    CallbackClient(Vigil vigil, Duration connectTimeout) {
        this.vigil = vigil;
        // HTTP/1.1: the default (HTTP/2) would send an h2c upgrade request on plain http, which buys nothing here
        // and is one more thing for the harness's server to get right.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Calls back every element in order, before returning. Each call may use a fair share of what is left of the
     * budget (what is left divided by the calls left), so one hanging URL cannot starve the others, and time a fast
     * call does not use passes on to the next ones.
     *
     * @param callbacks the callbacks
     * @param deadlineNanos the {@link System#nanoTime()} by which every call must have finished
     * @return how many calls got a response (of any status)
     */
    int callAll(List<Callback> callbacks, long deadlineNanos) {
        int answered = 0;
        for (int i = 0; i < callbacks.size(); i++) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                LOGGER.log(System.Logger.Level.WARNING, "time budget spent; " + (callbacks.size() - i)
                        + " callback(s) not made");
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                break; // the server is stopping
            }
            if (call(callbacks.get(i), Duration.ofNanos(left / (callbacks.size() - i)))) {
                answered++;
            }
        }
        return answered;
    }

    private boolean call(Callback callback, Duration timeout) {
        try (Observation span = vigil.observation("POST").kind(SpanKind.CLIENT)
                .attribute("http.request.method", "POST")
                .attribute("url.full", callback.url().toString())
                .start()) {
            // The CLIENT span is current now: what is injected is its id as the parent, with the trace state and
            // baggage that came in on the request.
            Context current = Context.current();
            HttpRequest.Builder request = HttpRequest.newBuilder(callback.url())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(callback.body()));
            HttpClientPropagation.inject(PropagatedContext.of(current.span(), current.baggage()), request);
            try {
                HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                span.attribute("http.response.status_code", Integer.toString(response.statusCode()));
                return true;
            } catch (IOException e) {
                span.error(e);
                LOGGER.log(System.Logger.Level.WARNING, "callback to " + callback.url() + " failed: " + e);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // keep the flag: callAll stops, the handler answers
                span.error(e);
                return false;
            }
        }
    }
}
