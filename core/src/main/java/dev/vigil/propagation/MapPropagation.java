package dev.vigil.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Propagates the W3C trace context and baggage through message headers held as a {@code Map<String, String>}, the
 * common denominator of message brokers (Kafka, AMQP, JMS, SQS attributes, ...) once their headers are copied out.
 *
 * <p>Injection writes lowercase names. Extraction looks a name up exactly first (fast, and what most brokers need);
 * only if that misses does it compare case-insensitively, because some brokers and bridges change the case of names.
 * A single-valued map cannot hold a repeated header, except as differently-cased names: those are then reported as
 * repeats, so e.g. {@code TraceParent} plus {@code TRACEPARENT} (without an exact {@code traceparent}) is rejected.
 */
public final class MapPropagation {

    private static final TextMapGetter<Map<String, String>> GETTER = new MapGetter();
    private static final TextMapSetter<Map<String, String>> SETTER = Map::put;

    private MapPropagation() {}

    /**
     * Writes the trace context and baggage headers into {@code headers}.
     *
     * @param context the context to send; invalid or empty parts are not written
     * @param headers a mutable map
     */
    public static void inject(PropagatedContext context, Map<String, String> headers) {
        Propagation.w3c().inject(context, headers, SETTER);
    }

    /**
     * Reads the trace context and baggage from {@code headers}.
     *
     * @param headers the message headers
     * @return the remote context, never {@code null}
     */
    public static PropagatedContext extract(Map<String, String> headers) {
        return Propagation.w3c().extract(headers, GETTER);
    }

    /**
     * Returns the getter used by {@link #extract}, for use with the individual propagators.
     *
     * @return a stateless getter
     */
    public static TextMapGetter<Map<String, String>> getter() {
        return GETTER;
    }

    /**
     * Returns the setter used by {@link #inject}, for use with the individual propagators.
     *
     * @return a stateless setter ({@link Map#put})
     */
    public static TextMapSetter<Map<String, String>> setter() {
        return SETTER;
    }

    private static final class MapGetter implements TextMapGetter<Map<String, String>> {

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier == null ? List.of() : carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            String value = carrier.get(key);
            if (value != null) {
                return value;
            }
            for (Map.Entry<String, String> e : carrier.entrySet()) {
                if (key.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                    return e.getValue();
                }
            }
            return null;
        }

        @Override
        public List<String> getAll(Map<String, String> carrier, String key) {
            if (carrier == null) {
                return List.of();
            }
            String value = carrier.get(key);
            if (value != null) {
                return List.of(value);
            }
            List<String> values = null; // allocated only on a case-insensitive hit: absent headers are the common miss
            for (Map.Entry<String, String> e : carrier.entrySet()) {
                if (key.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                    if (values == null) {
                        values = new ArrayList<>(2);
                    }
                    values.add(e.getValue());
                }
            }
            return values == null ? List.of() : values;
        }
    }
}
