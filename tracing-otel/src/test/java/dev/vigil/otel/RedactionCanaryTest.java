package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.HealthResult;
import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.VigilConfig;
import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.propagation.Baggage;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canaries: secrets planted everywhere a span or {@code /health} takes data from (attributes at start and at stop,
 * an exception's message and its cause, baggage, a health detail) appear in no byte the collector receives and
 * nowhere in the {@code /health} body. Each canary sits beside a harmless marker that must arrive, so the search
 * runs over text that really is there.
 */
class RedactionCanaryTest {
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    static final String PASSWORD = "hunter2";
    static final String CARD = "4111 1111 1111 1111";
    static final String BEARER = "mF_9.B5f-4.1JqM";
    static final String EMAIL = "bob.canary@example.com";
    /** What must not leave, as searched for: each secret's own characters. */
    static final List<String> CANARIES = List.of(AWS_KEY, JWT, "password=" + PASSWORD, PASSWORD, CARD, CARD.replace(" ", ""),
            BEARER, EMAIL, "canary@");
    static final String ALL = "aws " + AWS_KEY + " jwt " + JWT + " password=" + PASSWORD + " card " + CARD
            + " auth Bearer " + BEARER + " mail " + EMAIL;

    private OtlpReceiver receiver;
    private Vigil vigil;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint())
                .property("otel.exporter.otlp.compression", "none") // raw bytes are searchable only uncompressed
                // Blank explicit values win over the machine's environment, so it cannot widen or narrow the policy.
                .property(VigilConfig.REDACTION_KEYS, "").property(VigilConfig.REDACTION_PATTERNS, "")
                .property(VigilConfig.REDACTION_ALLOW_EMAILS, "")
                .managementPort(0)
                .install();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void noSecretReachesTheCollectorInAnyByte() throws Exception {
        Baggage baggage = Baggage.empty().put("user.email", EMAIL).put("session", "password=" + PASSWORD)
                .put("marker", "baggage-visible");
        Scope scope = Context.current().withBaggage(baggage).makeCurrent();
        try {
            try (Observation o = vigil.observation("checkout").attribute("note", ALL).attribute("db.password", PASSWORD)
                    .attribute("http.request.header.authorization", "Bearer " + BEARER)
                    .attribute("marker", "start-visible").start()) {
                o.attribute("late.note", ALL).attribute("api_key", AWS_KEY).attribute("late.marker", "stop-visible");
                o.error(new IllegalStateException("payment failed: " + ALL,
                        new RuntimeException("cause " + ALL)));
            }
        } finally {
            scope.close();
        }
        Span span = receiver.await(1).get(0);

        // The markers arrived, the secret-bearing attributes and the exception event are there, redacted.
        Map<String, String> attributes = OtlpReceiver.attributes(span);
        assertThat(attributes).containsEntry("marker", "start-visible").containsEntry("late.marker", "stop-visible")
                .containsEntry("db.password", "****").containsEntry("api_key", "****")
                .containsEntry("http.request.header.authorization", "****")
                .containsEntry("note", "aws **** jwt **** password=**** card **** auth Bearer **** mail ****");
        Span.Event exception = span.getEventsList().stream().filter(e -> e.getName().equals("exception")).findFirst().orElseThrow();
        Map<String, String> event = exception.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
        assertThat(event).containsEntry("exception.type", "java.lang.IllegalStateException")
                .containsEntry("exception.message", "payment failed: aws **** jwt **** password=**** card **** auth Bearer **** mail ****");
        assertThat(event.get("exception.stacktrace")).contains("Caused by: java.lang.RuntimeException: cause aws ****")
                .contains("at dev.vigil.otel.RedactionCanaryTest.noSecretReachesTheCollectorInAnyByte");
        assertThat(span.getStatus().getMessage()).startsWith("payment failed: aws ****");

        // Every byte of every request: no canary, and the bodies are the plain protobuf that was searched.
        assertThat(receiver.contentEncodings).containsOnly("null");
        String wire = receiver.bodies.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).collect(Collectors.joining());
        assertThat(wire).contains("start-visible").contains("stop-visible").contains("payment failed");
        for (String canary : CANARIES) {
            assertThat(wire).as("the OTLP bytes hold %s", canary).doesNotContain(canary);
        }
        // Baggage never becomes a span attribute: neither its values nor its marker travel to the collector.
        assertThat(wire).doesNotContain("baggage-visible");
    }

    @Test
    void noSecretIsInTheHealthBody() throws Exception {
        vigil.health().register("payments", () -> HealthResult.unhealthy("gateway said: " + ALL))
                .register("marker", () -> HealthResult.degraded("health-visible"));
        HttpResponse<byte[]> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(health.body(), StandardCharsets.ISO_8859_1);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(body).contains("health-visible").contains("gateway said: aws ****");
        for (String canary : CANARIES) {
            assertThat(body).as("the /health body holds %s", canary).doesNotContain(canary);
        }
    }
}
