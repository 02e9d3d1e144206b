package dev.vigil.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.Observation;
import dev.vigil.SpanKind;
import dev.vigil.Vigil;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls across a boundary that succeed leave breadcrumbs on the thread that made them; internal work leaves none. */
class ObservationBreadcrumbsTest {
    private SentryReceiver receiver;
    private Vigil vigil;
    private HttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new SentryReceiver();
        vigil = SentryTestVigil.builder(receiver.dsn()).install();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stock", vigil.http().serverHandler("/stock", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }));
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        SentryTestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void aSuccessfulClientCallAndAQueueMessageAreBreadcrumbsOfTheNextEventButInternalWorkIsNot() throws Exception {
        HttpClient client = vigil.http().client(HttpClient.newHttpClient());
        int port = server.getAddress().getPort();
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stock?sku=42"))
                .GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        try (Observation o = vigil.messaging().publish("orders").system("kafka").start()) {
            o.tag("messaging.operation.type", "send");
        }
        try (Observation o = vigil.observation("render invoice").start()) {
            o.attribute("pages", 3L);
        }
        vigil.errors().capture(new IllegalStateException("checkout failed")).send();
        SentryTestVigil.flush();

        List<SentryEvent> events = receiver.events();
        assertThat(events).hasSize(1);
        List<Breadcrumb> crumbs = events.get(0).getBreadcrumbs();
        assertThat(crumbs).extracting(Breadcrumb::getCategory).containsExactly("http", "messaging");
        Breadcrumb http = crumbs.get(0);
        assertThat(http.getMessage()).isEqualTo("GET");
        assertThat(http.getData()).containsEntry("http.request.method", "GET")
                .containsEntry("server.address", "127.0.0.1")
                .containsKey("http.response.status_code")
                .doesNotContainKey("url.full");
        assertThat(String.valueOf(http.getData())).doesNotContain("sku=42");
        assertThat(crumbs.get(1).getData()).containsEntry("messaging.system", "kafka");
    }
}
