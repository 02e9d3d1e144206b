package dev.vigil;

import dev.vigil.conventions.MessagingConventions;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.propagation.MapPropagation;
import dev.vigil.propagation.PropagatedContext;
import dev.vigil.propagation.Propagation;
import dev.vigil.propagation.TextMapSetter;
import java.util.Map;

/**
 * Describes sending a message, from {@link Messaging#publish(String)}. Single use, one thread.
 *
 * <pre>{@code
 * try (Observation o = vigil.messaging().publish("orders").system("kafka")
 *         .headers(record.headers(), (h, k, v) -> h.add(k, v.getBytes(UTF_8))).start()) {
 *     producer.send(record);
 * }
 * }</pre>
 */
public final class MessagePublish {
    private final Vigil vigil;
    private final String destination;
    private String system = "unknown";
    private Object carrier;
    private TextMapSetter<Object> setter;

    MessagePublish(Vigil vigil, String destination) {
        this.vigil = vigil;
        this.destination = destination;
    }

    /**
     * @param system the {@code messaging.system}: {@code kafka}, {@code rabbitmq}, {@code jms}, {@code aws_sqs}, ...
     * @return this builder
     */
    public MessagePublish system(String system) {
        if (system != null) {
            this.system = system;
        }
        return this;
    }

    /**
     * @param headers the outgoing message's headers: {@link #start()} puts {@code traceparent}, {@code tracestate}
     *     and {@code baggage} in them
     * @return this builder
     */
    public MessagePublish headers(Map<String, String> headers) {
        return headers(headers, MapPropagation.setter());
    }

    /**
     * @param carrier the outgoing message or its headers, of any type
     * @param setter writes one header: {@code (carrier, key, value) -> ...}
     * @param <C> the carrier's type
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public <C> MessagePublish headers(C carrier, TextMapSetter<C> setter) {
        if (carrier == null || setter == null) {
            ApiWarnings.warn("invalid-messaging", "publish('" + destination + "').headers(null) carries no trace");
        } else {
            this.carrier = carrier;
            this.setter = (TextMapSetter<Object>) setter;
        }
        return this;
    }

    /**
     * Starts the PRODUCER span and makes it current, then writes its context into the headers.
     *
     * @return the observation; close it once the message is handed to the client
     */
    public Observation start() {
        String operation = "send";
        Observation o = vigil.observation(operation + ' ' + destination).kind(SpanKind.PRODUCER)
                .tag("messaging.system", system)
                .tag("messaging.destination.name", String.valueOf(destination))
                .tag("messaging.operation.name", operation)
                .tag("messaging.operation.type", operation)
                .start();
        if (carrier != null) {
            try {
                PropagatedContext context = PropagatedContext.of(o.spanContext(), dev.vigil.context.Context.current().baggage());
                Propagation.w3c().inject(context, carrier, setter);
            } catch (RuntimeException e) {
                ApiWarnings.warn("instrumentation", "could not write the trace into the headers of '" + destination
                        + "': " + e);
            }
        }
        return new MessagingObservation(vigil, o, null, MessagingConventions.CLIENT_OPERATION_DURATION,
                MessagingConventions.SENT_MESSAGES,
                "messaging.system", system, "messaging.destination.name", destination,
                "messaging.operation.name", operation, "messaging.operation.type", operation);
    }
}
