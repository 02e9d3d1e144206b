package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The non-blocking front end over real loopback sockets, with short limits so that every bound shows quickly. */
class HttpFrontEndTest {
    private static final String GET_OK = "GET /ok HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final byte[] BIG = new byte[16 * 1024 * 1024];
    private final List<RawHttp> clients = new ArrayList<>();
    private HttpFrontEnd server;

    @AfterEach
    void stop() throws Exception {
        for (RawHttp c : clients) {
            c.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private void start(int maxConnections, int maxHeadBytes, long readMs, long responseMs) throws Exception {
        HttpLimits limits = new HttpLimits(maxConnections, maxHeadBytes, Duration.ofMillis(readMs), Duration.ofSeconds(30),
                Duration.ofMillis(responseMs));
        server = HttpFrontEnd.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, request -> {
            switch (request.path()) {
                case "/ok":
                    return CompletableFuture.completedFuture(HttpReply.text(200, "text/plain", "ok " + request.target()));
                case "/big":
                    return CompletableFuture.completedFuture(HttpReply.of(200, "application/octet-stream", BIG));
                case "/never":
                    return new CompletableFuture<>();
                default:
                    return CompletableFuture.supplyAsync(() -> HttpReply.text(404, "text/plain", "nope"));
            }
        }, "test-http");
    }

    private RawHttp client() throws Exception {
        RawHttp c = new RawHttp(server.port());
        clients.add(c);
        return c;
    }

    @Test
    void keepsTheConnectionAliveAndFramesEveryResponse() throws Exception {
        start(8, 1024, 2_000, 2_000);
        RawHttp c = client();
        for (int i = 0; i < 3; i++) {
            RawHttp.Response r = c.send(GET_OK).read(false);
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.text()).isEqualTo("ok /ok");
            assertThat(r.headers()).containsEntry("content-length", "6").containsEntry("connection", "keep-alive")
                    .containsKey("date");
        }
        RawHttp.Response asynchronous = c.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
        assertThat(asynchronous.status()).isEqualTo(404);
        assertThat(asynchronous.text()).isEqualTo("nope");
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        start(8, 1024, 2_000, 2_000);
        RawHttp c = client().send("GET /ok?1 HTTP/1.1\r\nHost: x\r\n\r\nGET /ok?2 HTTP/1.1\r\nHost: x\r\n\r\nGET /ok?3 HTTP/1.1\r\n");
        assertThat(c.read(false).text()).isEqualTo("ok /ok?1");
        assertThat(c.read(false).text()).isEqualTo("ok /ok?2");
        assertThat(c.send("Host: x\r\n\r\n").read(false).text()).isEqualTo("ok /ok?3");
    }

    @Test
    void closesWhenTheClientAsks() throws Exception {
        start(8, 1024, 2_000, 2_000);
        RawHttp c = client();
        RawHttp.Response r = c.send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read(false);
        assertThat(r.headers()).containsEntry("connection", "close");
        assertThat(c.closedByServer(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void refusesAnOversizedHeadWith431AndAMalformedOneWith400() throws Exception {
        start(8, 1024, 2_000, 2_000);
        RawHttp big = client().send("GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
        RawHttp.Response tooLarge = big.read(false);
        assertThat(tooLarge.status()).isEqualTo(431);
        assertThat(tooLarge.headers()).containsEntry("connection", "close");
        assertThat(big.closedByServer(Duration.ofSeconds(3))).isTrue();

        RawHttp bad = client().send("HELLO\r\n\r\n");
        assertThat(bad.read(false).status()).isEqualTo(400);
        assertThat(bad.closedByServer(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void closesAStalledHeadAtTheReadTimeoutWhileServingOthers() throws Exception {
        start(8, 1024, 300, 2_000);
        long start = System.nanoTime();
        RawHttp stalled = client().send("GET /ok HTTP/1.1\r\nHost: x\r\n");
        assertThat(client().send(GET_OK).read(false).status()).isEqualTo(200);
        assertThat(stalled.closedByServer(Duration.ofSeconds(3))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void cutsARequestWhoseHandlerNeverAnswersAtTheResponseTimeout() throws Exception {
        start(8, 1024, 2_000, 300);
        RawHttp c = client().send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(c.closedByServer(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void evictsTheLongestWaitingConnectionWhenFull() throws Exception {
        start(4, 1024, 10_000, 2_000);
        RawHttp[] stalled = new RawHttp[4];
        for (int i = 0; i < stalled.length; i++) {
            // The listen queue is first in, first out: the server accepts these in this order.
            stalled[i] = client().send("GET /ok HTTP/1.1\r\n");
        }
        assertThat(client().send(GET_OK).read(false).status()).isEqualTo(200);
        assertThat(stalled[0].closedByServer(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpAnother() throws Exception {
        start(8, 1024, 2_000, 2_000);
        client().send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
        long start = System.nanoTime();
        assertThat(client().send(GET_OK).read(false).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void stopClosesConnectionsAndReleasesThePort() throws Exception {
        start(8, 1024, 10_000, 2_000);
        RawHttp idle = client().send(GET_OK);
        assertThat(idle.read(false).status()).isEqualTo(200);
        int port = server.port();
        server.stop();
        server = null;
        assertThat(idle.closedByServer(Duration.ofSeconds(3))).isTrue();
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
