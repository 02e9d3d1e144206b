package dev.vigil.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.Vigil;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** With a Sentry DSN set, the quickstart's failing checkout reaches Sentry (here a loopback endpoint). */
class QuickstartSentryTest {
    @Test
    void failingCheckoutIsReportedToSentry() throws Exception {
        List<String> envelopes = new CopyOnWriteArrayList<>();
        CountDownLatch received = new CountDownLatch(1);
        HttpServer sentry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sentry.createContext("/api/7/envelope/", ex -> {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(ex.getRequestBody().readAllBytes()))) {
                envelopes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
            received.countDown();
        });
        sentry.start();
        // The quickstart reads its configuration from the system, as SENTRY_DSN would reach it in production.
        System.setProperty("vigil.sentry.dsn", "http://key@127.0.0.1:" + sentry.getAddress().getPort() + "/7");
        Vigil.resetGlobalForTest();
        try (QuickstartApp app = QuickstartApp.start(0, 0)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.servicePort() + "/checkout?plan=gold"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            System.clearProperty("vigil.sentry.dsn");
            Vigil.resetGlobalForTest();
            sentry.stop(0);
        }
        assertThat(envelopes).singleElement().asString()
                .contains("\"type\":\"IllegalStateException\"", "\"value\":\"unknown plan\"", "\"transaction\":\"Shop.checkout\"",
                        "\"release\":\"quickstart@1.0.0\"", "\"environment\":\"dev\"");
    }
}
