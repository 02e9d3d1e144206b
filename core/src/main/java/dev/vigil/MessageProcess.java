package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.conventions.MessagingConventions;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.propagation.MapPropagation;
import dev.vigil.propagation.PropagatedContext;
import dev.vigil.propagation.Propagation;
import dev.vigil.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Describes processing a received message, from {@link Messaging#process(String)}. Single use, one thread.
 *
 * <pre>{@code
 * try (Observation o = vigil.messaging().process("orders").system("rabbitmq").consumerGroup("billing")
 *         .headers(props, (p, key) -> Objects.toString(p.getHeaders().get(key), null)).start()) {
 *     handle(body);
 * }
 * }</pre>
 */
public final class MessageProcess {
    private final Vigil vigil;
    private final String destination;
    private String system = "unknown";
    private String consumerGroup;
    private PropagatedContext parent;

    MessageProcess(Vigil vigil, String destination) {
        this.vigil = vigil;
        this.destination = destination;
    }

    /**
     * @param system the {@code messaging.system}: {@code kafka}, {@code rabbitmq}, {@code jms}, ...
     * @return this builder
     */
    public MessageProcess system(String system) {
        if (system != null) {
            this.system = system;
        }
        return this;
    }

    /**
     * @param group the {@code messaging.consumer.group.name}
     * @return this builder
     */
    public MessageProcess consumerGroup(String group) {
        this.consumerGroup = group;
        return this;
    }

    /**
     * @param headers the received message's headers; the producer's trace context is read from them
     * @return this builder
     */
    public MessageProcess headers(Map<String, String> headers) {
        return headers(headers, MapPropagation.getter());
    }

    /**
     * @param carrier the received message or its headers, of any type
     * @param getter reads headers from it
     * @param <C> the carrier's type
     * @return this builder
     */
    public <C> MessageProcess headers(C carrier, TextMapGetter<C> getter) {
        if (carrier == null || getter == null) {
            ApiWarnings.warn("invalid-messaging", "process('" + destination + "').headers(null) continues no trace");
            return this;
        }
        try {
            this.parent = Propagation.w3c().extract(carrier, getter);
        } catch (RuntimeException e) {
            ApiWarnings.warn("instrumentation", "could not read the trace from the headers of '" + destination + "': " + e);
        }
        return this;
    }

    /**
     * @param carrier the received message or its headers, of any type
     * @param getter reads one header, or null when absent: {@code (carrier, key) -> ...}
     * @param <C> the carrier's type
     * @return this builder
     */
    public <C> MessageProcess headers(C carrier, BiFunction<C, String, String> getter) {
        if (getter == null) {
            return headers(carrier, (TextMapGetter<C>) null);
        }
        return headers(carrier, new TextMapGetter<C>() {
            @Override
            public Iterable<String> keys(C c) {
                return List.of();
            }

            @Override
            public String get(C c, String key) {
                return getter.apply(c, key);
            }
        });
    }

    /**
     * Starts the CONSUMER span, child of the producer's span read from the headers, and makes it current.
     *
     * @return the observation; close it once the message is handled
     */
    public Observation start() {
        String operation = "process";
        Scope scope = parent == null ? null : parent.makeCurrent();
        Observation o;
        try {
            ObservationBuilder b = vigil.observation(operation + ' ' + destination).kind(SpanKind.CONSUMER)
                    .tag("messaging.system", system)
                    .tag("messaging.destination.name", String.valueOf(destination))
                    .tag("messaging.operation.name", operation)
                    .tag("messaging.operation.type", operation);
            if (consumerGroup != null) {
                b.tag("messaging.consumer.group.name", consumerGroup);
            }
            if (parent != null) {
                b.link(parent.spanContext()); // the producer: a parent here, and still related once a batch splits it
            }
            o = b.start();
        } catch (RuntimeException | LinkageError e) {
            if (scope != null) {
                scope.close();
            }
            throw e;
        }
        return new MessagingObservation(vigil, o, scope, MessagingConventions.PROCESS_DURATION,
                MessagingConventions.CONSUMED_MESSAGES,
                "messaging.system", system, "messaging.destination.name", destination,
                "messaging.operation.name", operation, "messaging.consumer.group.name", consumerGroup);
    }
}
