package dev.vigil;

import dev.vigil.conventions.MessagingConventions;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.ConventionMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * Messaging instrumentation, from {@link Vigil#messaging()}: producer and consumer observations that carry the
 * trace in message headers, following the OpenTelemetry messaging conventions, and Vigil's queue depth and
 * consumer lag gauges.
 *
 * <pre>{@code
 * Map<String, String> headers = new HashMap<>();
 * try (Observation o = vigil.messaging().publish("orders").system("kafka").headers(headers).start()) {
 *     producer.send(record(headers));             // headers now hold traceparent/tracestate/baggage
 * }
 * try (Observation o = vigil.messaging().process("orders").system("kafka").headers(received).start()) {
 *     handle(message);                            // a CONSUMER span in the producer's trace
 * }
 * vigil.messaging().queueDepth("orders", () -> depth());
 * vigil.messaging().consumerLag("orders", "billing", () -> lag());
 * }</pre>
 */
public final class Messaging {
    private final Vigil vigil;
    /** Keeps gauge callbacks reachable: metrics backends may hold them weakly. */
    private final List<Object> anchors = new CopyOnWriteArrayList<>();

    Messaging(Vigil vigil) {
        this.vigil = vigil;
    }

    /**
     * Describes sending a message: a PRODUCER span {@code send <destination>},
     * {@code messaging.client.operation.duration} and {@code messaging.client.sent.messages}.
     *
     * @param destination the queue or topic name, low-cardinality (a template for temporary destinations)
     * @return the builder
     */
    public MessagePublish publish(String destination) {
        return new MessagePublish(vigil, destination);
    }

    /**
     * Describes processing a received message: a CONSUMER span {@code process <destination>} whose parent is the
     * producer's span read from the headers, {@code messaging.process.duration} and
     * {@code messaging.client.consumed.messages}.
     *
     * @param destination the queue or topic name, low-cardinality
     * @return the builder
     */
    public MessageProcess process(String destination) {
        return new MessageProcess(vigil, destination);
    }

    /**
     * Registers the {@code messaging.queue.depth} gauge (Vigil's name): messages waiting in a destination.
     *
     * @param destination the queue or topic name
     * @param depth read at collection time
     */
    public void queueDepth(String destination, DoubleSupplier depth) {
        if (destination == null || depth == null) {
            ApiWarnings.warn("invalid-messaging", "queueDepth needs a destination and a supplier; it is ignored");
            return;
        }
        anchors.add(depth);
        ConventionMetrics.gauge(vigil, MessagingConventions.QUEUE_DEPTH, depth, "messaging.destination.name", destination);
    }

    /**
     * Registers the {@code messaging.consumer.lag} gauge (Vigil's name): messages a consumer group has yet to
     * consume from a destination.
     *
     * @param destination the queue or topic name
     * @param consumerGroup the consumer group
     * @param lag read at collection time
     */
    public void consumerLag(String destination, String consumerGroup, DoubleSupplier lag) {
        if (destination == null || consumerGroup == null || lag == null) {
            ApiWarnings.warn("invalid-messaging", "consumerLag needs a destination, a group and a supplier; it is ignored");
            return;
        }
        anchors.add(lag);
        ConventionMetrics.gauge(vigil, MessagingConventions.CONSUMER_LAG, lag, "messaging.destination.name", destination,
                "messaging.consumer.group.name", consumerGroup);
    }
}
