package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import dev.vigil.conventions.MetricConvention.Origin;
import dev.vigil.conventions.MetricConvention.Stability;
import java.util.List;

/**
 * The messaging conventions: OpenTelemetry's producer and consumer metrics, plus Vigil's own queue depth and
 * consumer lag gauges, named in the same style.
 */
public final class MessagingConventions {
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    /** Duration of a send (publish) operation. */
    public static final MetricConvention CLIENT_OPERATION_DURATION =
            MetricConvention.builder("messaging.client.operation.duration", Instrument.HISTOGRAM, "s")
                    .description("Duration of messaging operation initiated by a producer or consumer client.")
                    .required("messaging.operation.name", "messaging.system")
                    .conditional("error.type", "messaging.consumer.group.name", "messaging.destination.name",
                            "messaging.operation.type")
                    .buckets(DURATION_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Duration of processing one message. */
    public static final MetricConvention PROCESS_DURATION =
            MetricConvention.builder("messaging.process.duration", Instrument.HISTOGRAM, "s")
                    .description("Duration of processing operation.")
                    .required("messaging.operation.name", "messaging.system")
                    .conditional("error.type", "messaging.consumer.group.name", "messaging.destination.name")
                    .buckets(DURATION_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Messages a producer sent. */
    public static final MetricConvention SENT_MESSAGES =
            MetricConvention.builder("messaging.client.sent.messages", Instrument.COUNTER, "{message}")
                    .description("Number of messages producer attempted to send to the broker.")
                    .required("messaging.operation.name", "messaging.system")
                    .conditional("error.type", "messaging.destination.name")
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Messages a consumer processed. */
    public static final MetricConvention CONSUMED_MESSAGES =
            MetricConvention.builder("messaging.client.consumed.messages", Instrument.COUNTER, "{message}")
                    .description("Number of messages that were delivered to the application.")
                    .required("messaging.operation.name", "messaging.system")
                    .conditional("error.type", "messaging.consumer.group.name", "messaging.destination.name")
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Vigil's: messages waiting in a queue, as the application reads it. */
    public static final MetricConvention QUEUE_DEPTH =
            MetricConvention.builder("messaging.queue.depth", Instrument.GAUGE, "{message}")
                    .description("Number of messages waiting in the destination.")
                    .required("messaging.destination.name").build();
    /** Vigil's: how far a consumer group is behind a destination. */
    public static final MetricConvention CONSUMER_LAG =
            MetricConvention.builder("messaging.consumer.lag", Instrument.GAUGE, "{message}")
                    .description("Number of messages a consumer group has yet to consume from the destination.")
                    .required("messaging.destination.name", "messaging.consumer.group.name").build();

    private MessagingConventions() {
    }

    static List<MetricConvention> all() {
        return List.of(CLIENT_OPERATION_DURATION, PROCESS_DURATION, SENT_MESSAGES, CONSUMED_MESSAGES, QUEUE_DEPTH,
                CONSUMER_LAG);
    }
}
