package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A trace carried from a producer to a consumer on another thread in message headers, as exported. */
@SuppressWarnings("try") // observations opened for their effect
class MessagingTraceTest {
    private OtlpReceiver receiver;
    private Vigil vigil;
    private ExecutorService consumer;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics()).install();
        consumer = Executors.newSingleThreadExecutor(); // not context-wrapped: only the headers carry the trace
    }

    @AfterEach
    void stop() throws InterruptedException {
        consumer.shutdownNow();
        assertThat(consumer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        TestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void theConsumerSpanIsTheProducerSpansChildInTheSameTraceThroughMapHeaders() throws Exception {
        Map<String, String> headers = new HashMap<>();
        try (Observation o = vigil.messaging().publish("orders").system("kafka").headers(headers).start()) {
            assertThat(headers).containsKey("traceparent");
        }
        Map<String, String> received = Map.copyOf(headers);
        String after = consumer.submit(() -> {
            try (Observation o = vigil.messaging().process("orders").system("kafka").consumerGroup("billing")
                    .headers(received).start()) {
                assertThat(Context.current().span().isValid()).isTrue();
            }
            return Context.current().span().isValid() ? "leaked" : "clean";
        }).get(10, TimeUnit.SECONDS);
        assertThat(after).isEqualTo("clean");

        receiver.await(2);
        Span send = receiver.named("send orders");
        Span process = receiver.named("process orders");
        assertThat(send.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
        assertThat(process.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(process.getLinksList()).singleElement().satisfies(link -> {
            assertThat(link.getTraceId()).isEqualTo(send.getTraceId());
            assertThat(link.getSpanId()).isEqualTo(send.getSpanId());
        });
        assertThat(headers.get("traceparent")).contains(OtlpReceiver.hex(send.getSpanId()));
        assertThat(OtlpReceiver.attributes(send)).containsAllEntriesOf(Map.of("messaging.system", "kafka",
                "messaging.destination.name", "orders", "messaging.operation.name", "send",
                "messaging.operation.type", "send"));
        assertThat(OtlpReceiver.attributes(process)).containsAllEntriesOf(Map.of("messaging.system", "kafka",
                "messaging.destination.name", "orders", "messaging.operation.name", "process",
                "messaging.consumer.group.name", "billing"));
    }

    @Test
    void setterAndGetterFunctionsPlugInAnyHeaderType() throws Exception {
        List<String[]> record = new ArrayList<>(); // a stand-in for Kafka's or RabbitMQ's header types
        try (Observation o = vigil.messaging().publish("emails").system("rabbitmq")
                .headers(record, (r, key, value) -> r.add(new String[] {key, value})).start()) {
            assertThat(record).isNotEmpty();
        }
        consumer.submit(() -> {
            try (Observation o = vigil.messaging().process("emails").system("rabbitmq")
                    .headers(record, (r, key) -> r.stream().filter(h -> h[0].equals(key)).map(h -> h[1])
                            .findFirst().orElse(null)).start()) {
                return o.spanContext();
            }
        }).get(10, TimeUnit.SECONDS);
        receiver.await(2);
        assertThat(receiver.named("process emails").getParentSpanId())
                .isEqualTo(receiver.named("send emails").getSpanId());
    }
}
