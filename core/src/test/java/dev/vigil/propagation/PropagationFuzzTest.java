package dev.vigil.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property tests on random and hostile input (fixed seed, so failures reproduce): extraction never throws, the output
 * stays within the limits, and for small inputs the result agrees with an independent regex oracle of the spec.
 */
class PropagationFuzzTest {

    private static final int MAX_TRACESTATE_LENGTH = 32 * (256 + 1 + 256) + 31;
    private static final Pattern TRACEPARENT_OUT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
    private static final Pattern TRACEPARENT_ORACLE =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?", Pattern.DOTALL);
    private static final Pattern MEMBER_ORACLE = Pattern.compile("([0-9a-z][_0-9a-z\\-*/@]{0,255})="
            + "([\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e])");
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String ALPHABET = "abcz09AZ=,;@%-_*/ \t.\"\\\u0000\u007f\u00e9\u20ac0123456789abcdef";

    private final Random random = new Random(0x5EEDL);

    @Test
    void traceparentAgreesWithTheSpecOracle() {
        for (int i = 0; i < 5000; i++) {
            String value = mutate(i % 3 == 0 ? VALID.replace("00-", randomHex(2) + "-") + tail() : VALID, 1 + i % 4);
            SpanContext c = extractTraceContext(List.of(value), List.of("a=1"));
            Matcher m = TRACEPARENT_ORACLE.matcher(value.replaceAll("^[ \t]+|[ \t]+$", ""));
            boolean expected = m.matches() && !m.group(1).equals("ff")
                    && (m.group(5) == null || !m.group(1).equals("00"))
                    && !m.group(2).equals("0".repeat(32)) && !m.group(3).equals("0".repeat(16));
            assertThat(c.isValid()).as("%s", value).isEqualTo(expected);
            if (expected) {
                assertThat(c.traceIdHex()).isEqualTo(m.group(2));
                assertThat(c.spanIdHex()).isEqualTo(m.group(3));
                assertThat(c.traceState().get("a")).isEqualTo("1");
            } else {
                assertThat(c.traceState().isEmpty()).isTrue();
            }
        }
    }

    @Test
    void tracestateAgreesWithTheSpecOracle() {
        for (int i = 0; i < 4000; i++) {
            List<String> fields = new ArrayList<>();
            for (int f = random.nextInt(4); f >= 0; f--) {
                fields.add(randomTracestate(random.nextInt(12)));
            }
            TraceState state = extractTraceContext(List.of(VALID), fields).traceState();
            assertThat(state.asMap()).as("%s", fields).isEqualTo(oracle(fields));
            assertThat(TraceState.parse(state.asW3CString())).isEqualTo(state);
        }
    }

    @Test
    void randomAndHostileInputNeverThrowsAndStaysBounded() {
        for (int i = 0; i < 3000; i++) {
            List<String> parents = List.of(i % 2 == 0 ? VALID : randomString(random.nextInt(80)));
            List<String> states = List.of(randomString(random.nextInt(600)), randomTracestate(random.nextInt(40)));
            List<String> baggage = List.of(randomString(random.nextInt(600)), randomBaggage(random.nextInt(40)));
            checkBounded(parents, states, baggage);
        }
        String mb = randomString(1 << 20);
        checkBounded(List.of(mb), List.of(mb), List.of(mb));
        checkBounded(List.of(VALID), List.of("a=1,".repeat(250_000)), List.of("a=1,".repeat(250_000)));
        checkBounded(List.of(VALID), List.of("k".repeat(1 << 20) + "=1"), List.of("k=" + "v".repeat(1 << 20)));
        checkBounded(List.of(VALID), List.of(" \t".repeat(1 << 19)), List.of(",".repeat(1 << 20)));
        checkBounded(List.of(VALID), List.of("a=1,".repeat(20) + "\u0000".repeat(1 << 20)),
                List.of("a=1;" + "p;".repeat(1 << 19)));
        checkBounded(List.of(VALID), Collections.nCopies(5000, "a=1,b=2"), Collections.nCopies(5000, "k=v%20w"));
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            distinct.add("k" + i + "=" + "v".repeat(200));
        }
        checkBounded(Collections.nCopies(3000, VALID), distinct, distinct);
        checkBounded(List.of(VALID), distinct.subList(0, 33), distinct.subList(0, 100));
    }

    private void checkBounded(List<String> parents, List<String> states, List<String> baggage) {
        List<Map.Entry<String, String>> carrier = new ArrayList<>();
        parents.forEach(v -> carrier.addAll(W3cHarness.headers("traceparent", v)));
        states.forEach(v -> carrier.addAll(W3cHarness.headers("tracestate", v)));
        baggage.forEach(v -> carrier.addAll(W3cHarness.headers("baggage", v)));
        PropagatedContext ctx = Propagation.w3c().extract(carrier, W3cHarness.GETTER);
        Map<String, String> out = new HashMap<>();
        Propagation.w3c().inject(ctx, out, MapPropagation.setter());
        if (out.containsKey("traceparent")) {
            assertThat(out.get("traceparent")).matches(TRACEPARENT_OUT);
        }
        String state = out.getOrDefault("tracestate", "");
        assertThat(state.length()).isLessThanOrEqualTo(MAX_TRACESTATE_LENGTH);
        assertThat(state.isEmpty() ? 0 : state.split(",", -1).length).isLessThanOrEqualTo(TraceState.MAX_MEMBERS);
        String bag = out.getOrDefault("baggage", "");
        assertThat(bag.length()).isLessThanOrEqualTo(Baggage.MAX_BYTES);
        assertThat(bag.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)).as("baggage is printable ASCII").isTrue();
        assertThat(ctx.baggage().size()).isLessThanOrEqualTo(Baggage.MAX_MEMBERS);
        assertThat(Baggage.parse(bag).asW3CString()).as("written baggage re-reads identically").isEqualTo(bag);
    }

    private static SpanContext extractTraceContext(List<String> parents, List<String> states) {
        List<Map.Entry<String, String>> carrier = new ArrayList<>();
        parents.forEach(v -> carrier.addAll(W3cHarness.headers("traceparent", v)));
        states.forEach(v -> carrier.addAll(W3cHarness.headers("tracestate", v)));
        return W3CTraceContextPropagator.getInstance().extract(carrier, W3cHarness.GETTER);
    }

    /** The spec's rules, written independently with regexes: invalid member or more than 32 => discard all. */
    private static Map<String, String> oracle(List<String> fields) {
        Map<String, String> members = new LinkedHashMap<>();
        for (String member : String.join(",", fields).split(",", -1)) {
            String trimmed = member.replaceAll("^[ \t]+|[ \t]+$", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher m = MEMBER_ORACLE.matcher(trimmed);
            if (!m.matches()) {
                return Map.of();
            }
            members.putIfAbsent(m.group(1), m.group(2));
        }
        return members.size() > 32 ? Map.of() : members;
    }

    private String randomTracestate(int members) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < members; i++) {
            sb.append(random.nextInt(10) == 0 ? " " : "").append(i == 0 ? "" : random.nextInt(20) == 0 ? ",," : ",");
            sb.append((char) ('a' + random.nextInt(26))).append(random.nextInt(3) == 0 ? "@x" : "");
            sb.append(random.nextInt(50));
            sb.append('=').append(random.nextInt(30) == 0 ? randomString(3) : "v" + random.nextInt(9));
        }
        return sb.toString();
    }

    private String randomBaggage(int members) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < members; i++) {
            sb.append(i == 0 ? "" : ",").append("k").append(random.nextInt(100)).append(" = ").append(randomString(8));
            sb.append(random.nextBoolean() ? ";p" + random.nextInt(5) : "");
        }
        return sb.toString();
    }

    private String randomString(int length) {
        char[] chars = new char[length];
        int mode = random.nextInt(3);
        for (int i = 0; i < length; i++) {
            chars[i] = mode == 0 ? (char) random.nextInt(256) // random bytes
                    : mode == 1 ? (char) random.nextInt(0x10000) // any UTF-16 unit, lone surrogates included
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    private String randomHex(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }

    private String tail() {
        return random.nextBoolean() ? "" : (random.nextBoolean() ? "-" : ".") + randomString(random.nextInt(6));
    }

    /** Replaces, inserts or deletes a few characters, drawing mostly from characters that matter to the grammar. */
    private String mutate(String s, int edits) {
        StringBuilder sb = new StringBuilder(s);
        for (int e = 0; e < edits && random.nextInt(4) != 0; e++) {
            int pos = random.nextInt(sb.length() + 1);
            String pool = "0f-F. \t0a\u00e1";
            char c = pool.charAt(random.nextInt(pool.length()));
            int op = random.nextInt(3);
            if (op == 0) {
                sb.insert(pos, c);
            } else if (pos < sb.length()) {
                if (op == 1) {
                    sb.setCharAt(pos, c);
                } else {
                    sb.deleteCharAt(pos);
                }
            }
        }
        return sb.toString();
    }
}
