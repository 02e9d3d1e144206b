package dev.vigil.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End to end over loopback: JDK HttpClient with injected headers to a JDK HttpServer that extracts them. */
class HttpExchangePropagationTest {

    private HttpServer server;
    private HttpClient client;
    private URI uri;
    private final BlockingQueue<PropagatedContext> received = new ArrayBlockingQueue<>(4);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(HttpExchangePropagation.extract(exchange));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PropagatedContext roundTrip(HttpRequest.Builder builder) throws Exception {
        HttpResponse<Void> response = client.send(builder.timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
        PropagatedContext ctx = received.poll(5, TimeUnit.SECONDS);
        assertThat(ctx).isNotNull();
        return ctx;
    }

    @Test
    void injectedHeadersAreExtractedByTheServer() throws Exception {
        SpanContext span = SpanContext.create(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L,
                SpanContext.FLAG_SAMPLED, TraceState.parse("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));
        Baggage baggage = Baggage.empty().put("user", "Amélie", "sensitive").put("node", "DF 28");
        HttpRequest.Builder builder = HttpClientPropagation.inject(PropagatedContext.of(span, baggage),
                HttpRequest.newBuilder(uri));
        // a retry re-injecting into the same builder must not duplicate traceparent
        HttpClientPropagation.inject(PropagatedContext.of(span, baggage), builder);

        PropagatedContext ctx = roundTrip(builder);
        assertThat(ctx.spanContext().traceIdHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(ctx.spanContext().spanIdHex()).isEqualTo("b7ad6b7169203331");
        assertThat(ctx.spanContext().isSampled()).isTrue();
        assertThat(ctx.spanContext().isRemote()).isTrue();
        assertThat(ctx.spanContext().traceState()).isEqualTo(span.traceState());
        assertThat(ctx.baggage()).isEqualTo(baggage);
    }

    @Test
    void repeatedFieldsAndAnyNameCasingAreHandled() throws Exception {
        PropagatedContext ctx = roundTrip(HttpRequest.newBuilder(uri)
                .header("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("TRACESTATE", "a=1")
                .header("tracestate", "b=2")
                .header("baggage", "x=1")
                .header("Baggage", "y=2"));
        assertThat(ctx.spanContext().traceState().asW3CString()).isEqualTo("a=1,b=2");
        assertThat(ctx.baggage().asW3CString()).isEqualTo("x=1,y=2");

        PropagatedContext twice = roundTrip(HttpRequest.newBuilder(uri)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203332-01")
                .header("tracestate", "a=1"));
        assertThat(twice.spanContext()).isSameAs(SpanContext.invalid());
    }

    @Test
    void requestWithoutHeadersGivesEmptyContext() throws Exception {
        assertThat(roundTrip(HttpRequest.newBuilder(uri))).isEqualTo(PropagatedContext.empty());
        assertThat(HttpExchangePropagation.extract((com.sun.net.httpserver.HttpExchange) null))
                .isEqualTo(PropagatedContext.empty());
    }
}
