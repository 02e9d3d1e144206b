package dev.vigil.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trace.SpanContext;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Propagator-level stand-in for the official W3C trace-context test suite (test/test.py in w3c/trace-context).
 *
 * <p>The suite POSTs headers to a service, which must call back the harness once per requested callback; the harness
 * then checks the callback's {@code traceparent}/{@code tracestate}. Here {@link #send} plays the service (extract,
 * start a child span or a new trace, inject into a fresh request per callback) and {@link Forwarded} plays the harness
 * side: it re-parses what was forwarded with the same strictness as the harness (exactly one traceparent of version 00
 * with non-zero ids; every non-empty tracestate member well-formed, else the harness would raise).
 */
final class W3cHarness {

    static final String TRACE_ID = "12345678901234567890123456789012";
    static final String PARENT_ID = "1234567890123456";

    private static final Pattern TRACEPARENT =
            Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final Pattern DELIMITER = Pattern.compile("[ \\t]*,[ \\t]*");
    private static final Pattern MEMBER = Pattern.compile("^([0-9a-z][_0-9a-z\\-*/@]{0,255})="
            + "([\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e])$");

    /** An HTTP-like header list: ordered, repeatable, names compared case-insensitively. */
    static final TextMapGetter<List<Map.Entry<String, String>>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(List<Map.Entry<String, String>> carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(e -> keys.add(e.getKey()));
            return keys;
        }

        @Override
        public String get(List<Map.Entry<String, String>> carrier, String key) {
            List<String> all = getAll(carrier, key);
            return all.isEmpty() ? null : all.get(0);
        }

        @Override
        public List<String> getAll(List<Map.Entry<String, String>> carrier, String key) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> e : carrier) {
                if (e.getKey().equalsIgnoreCase(key)) {
                    values.add(e.getValue());
                }
            }
            return values;
        }
    };

    static final TextMapSetter<List<Map.Entry<String, String>>> SETTER =
            (carrier, key, value) -> carrier.add(new SimpleImmutableEntry<>(key, value));

    private W3cHarness() {}

    /** Builds a request header list from name, value, name, value... */
    static List<Map.Entry<String, String>> headers(String... nameValues) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            list.add(new SimpleImmutableEntry<>(nameValues[i], nameValues[i + 1]));
        }
        return list;
    }

    /** One request, one callback: what the harness receives. */
    static Forwarded send(String... nameValues) {
        return send(1, nameValues).get(0);
    }

    /** Plays the service under test: extract once, then one child span and one injected callback per callback. */
    static List<Forwarded> send(int callbacks, String... nameValues) {
        PropagatedContext incoming = Propagation.w3c().extract(headers(nameValues), GETTER);
        SpanContext parent = incoming.spanContext();
        List<Forwarded> out = new ArrayList<>();
        for (int i = 0; i < callbacks; i++) {
            SpanContext child = parent.isValid()
                    ? SpanContext.create(parent.traceIdHigh(), parent.traceIdLow(), randomId(),
                            parent.traceFlags(), parent.traceState())
                    : SpanContext.create(randomId(), randomId(), randomId(), SpanContext.FLAG_RANDOM, null);
            List<Map.Entry<String, String>> callback = new ArrayList<>();
            Propagation.w3c().inject(PropagatedContext.of(child, incoming.baggage()), callback, SETTER);
            out.add(Forwarded.parse(callback));
        }
        return out;
    }

    /** A random non-zero id, as a service under test would make its own. */
    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /** The callback headers as the harness reads them. */
    record Forwarded(String traceId, String parentId, int flags, Map<String, String> tracestate, int tracestateFields) {

        static Forwarded parse(List<Map.Entry<String, String>> headers) {
            List<String> parents = GETTER.getAll(headers, "traceparent");
            assertThat(parents).as("expect one traceparent header").hasSize(1);
            Matcher m = TRACEPARENT.matcher(parents.get(0));
            assertThat(m.matches()).as("traceparent format: %s", parents.get(0)).isTrue();
            assertThat(m.group(1)).as("version").isEqualTo("00");
            assertThat(m.group(2)).as("trace id").isNotEqualTo("0".repeat(32));
            assertThat(m.group(3)).as("parent id").isNotEqualTo("0".repeat(16));
            Map<String, String> state = new LinkedHashMap<>();
            List<String> states = GETTER.getAll(headers, "tracestate");
            for (String field : states) {
                assertThat(field).as("an empty tracestate should not be sent").isNotEmpty();
                for (String member : DELIMITER.split(field, -1)) {
                    if (!member.isEmpty()) {
                        Matcher mm = MEMBER.matcher(member);
                        assertThat(mm.matches()).as("illegal key-value format %s", member).isTrue();
                        state.putIfAbsent(mm.group(1), mm.group(2));
                    }
                }
            }
            return new Forwarded(m.group(2), m.group(3), Integer.parseInt(m.group(4), 16), state, states.size());
        }

        /** The harness's {@code str(tracestate)}. */
        String tracestateString() {
            StringBuilder sb = new StringBuilder();
            tracestate.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
            return sb.toString();
        }
    }
}
