package dev.vigil.propagation;

import static dev.vigil.propagation.W3cHarness.TRACE_ID;
import static dev.vigil.propagation.W3cHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.propagation.W3cHarness.Forwarded;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Mirror of the official W3C trace-context test suite (w3c/trace-context test/test.py, STRICT_LEVEL=2), part 2 of 2:
 * the 14 tracestate cases of {@code TraceContextTest}, 5 of which run only at strict level 2. Each method is named
 * exactly like the suite case it mirrors. Suite total: 41 = {@link W3cTraceparentSuiteTest} 27 + this class 14.
 *
 * <p>The strict cases are where a propagator that validates {@code tracestate} loosely or by the older key grammar
 * (tenant at most 241 characters, system at most 14, a single {@code @}) fails:
 * {@code test_tracestate_key_illegal_vendor_format} and {@code test_tracestate_key_length_limit} require the current
 * grammar, in which {@code @} is an ordinary key character after the first.
 */
class W3cTracestateSuiteTest {

    private static final String PARENT = "00-12345678901234567890123456789012-1234567890123456-00";

    private static Forwarded sendState(String... tracestateFields) {
        String[] headers = new String[2 + 2 * tracestateFields.length];
        headers[0] = "traceparent";
        headers[1] = PARENT;
        for (int i = 0; i < tracestateFields.length; i++) {
            headers[2 + 2 * i] = "tracestate";
            headers[3 + 2 * i] = tracestateFields[i];
        }
        return send(headers);
    }

    /** The state is discarded as a whole, while the trace id is still inherited. */
    private static void assertDiscarded(String... tracestateFields) {
        Forwarded f = sendState(tracestateFields);
        assertThat(f.traceId()).isEqualTo(TRACE_ID);
        assertThat(f.tracestate()).as(String.join(" | ", tracestateFields)).isEmpty();
        assertThat(f.tracestateFields()).isZero();
    }

    @Test
    void test_tracestate_included_traceparent_missing() {
        Forwarded one = send("tracestate", "foo=1");
        Forwarded two = send("tracestate", "foo=1,bar=2");
        assertThat(one.tracestate()).hasSameSizeAs(two.tracestate()).isEmpty();
    }

    @Test
    void test_tracestate_included_traceparent_included() {
        Forwarded f = sendState("foo=1,bar=2");
        assertThat(f.traceId()).isEqualTo(TRACE_ID);
        assertThat(f.tracestate()).containsEntry("foo", "1").containsEntry("bar", "2");
    }

    @Test
    void test_tracestate_header_name() {
        assertThat(send("traceparent", PARENT, "trace-state", "foo=1").tracestate()).doesNotContainKey("foo");
        assertThat(send("traceparent", PARENT, "trace.state", "foo=1").tracestate()).doesNotContainKey("foo");
    }

    @Test
    void test_tracestate_header_name_valid_casing() {
        for (String name : new String[] {"TraceState", "TrAcEsTaTe", "TRACESTATE"}) {
            assertThat(send("traceparent", PARENT, name, "foo=1").tracestate()).as(name).containsEntry("foo", "1");
        }
    }

    @Test
    void test_tracestate_empty_header() {
        Forwarded f = sendState("");
        assertThat(f.traceId()).isEqualTo(TRACE_ID);
        assertThat(f.tracestateFields()).as("an empty tracestate is not forwarded").isZero();
        assertThat(sendState("foo=1", "").tracestate()).containsEntry("foo", "1");
        assertThat(sendState("", "foo=1").tracestate()).containsEntry("foo", "1");
    }

    @Test
    void test_tracestate_multiple_headers_different_keys() {
        Forwarded f = sendState("foo=1,bar=2", "rojo=1,congo=2", "baz=3");
        assertThat(f.traceId()).isEqualTo(TRACE_ID);
        assertThat(f.tracestateString()).containsSubsequence("foo=1", "bar=2", "rojo=1", "congo=2", "baz=3");
    }

    @Test
    void test_tracestate_duplicated_keys() {
        assertThat(sendState("foo=1,foo=1").tracestateString()).contains("foo=1");
        assertThat(sendState("foo=1,foo=2").tracestateString()).containsAnyOf("foo=1", "foo=2");
        assertThat(sendState("foo=1", "foo=1").tracestateString()).contains("foo=1");
        assertThat(sendState("foo=1", "foo=2").tracestateString()).containsAnyOf("foo=1", "foo=2");
        assertThat(sendState("foo=1,foo=2").traceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void test_tracestate_all_allowed_characters() {
        String keyWithoutVendor = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
        String keyWithVendor = keyWithoutVendor + "@a-z0-9_-*/";
        StringBuilder value = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) {
            if (c != ',' && c != '=') {
                value.append(c);
            }
        }
        assertThat(sendState(keyWithoutVendor + "=" + value).tracestate())
                .containsEntry(keyWithoutVendor, value.toString());
        assertThat(sendState(keyWithVendor + "=" + value).tracestate()).containsEntry(keyWithVendor, value.toString());
    }

    @Test
    void test_tracestate_ows_handling() {
        for (String field : new String[] {"foo=1 \t , \t bar=2, \t baz=3", "foo=1\t \t,\t \tbar=2,\t \tbaz=3"}) {
            assertThat(sendState(field).tracestate())
                    .containsEntry("foo", "1").containsEntry("bar", "2").containsEntry("baz", "3");
        }
        for (String field : new String[] {" foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t"}) {
            Forwarded f = sendState(field);
            assertThat(f.traceId()).isEqualTo(TRACE_ID);
            assertThat(f.tracestate()).containsEntry("foo", "1");
        }
    }

    @Test // strict
    void test_tracestate_key_illegal_characters() {
        assertDiscarded("foo =1");
        assertDiscarded("FOO=1");
        assertDiscarded("foo.bar=1");
    }

    @Test // strict
    void test_tracestate_key_illegal_vendor_format() {
        assertThat(sendState("foo@=1,bar=2").tracestate()).containsEntry("foo@", "1").containsEntry("bar", "2");
        assertDiscarded("@foo=1,bar=2");
        assertThat(sendState("foo@@bar=1,bar=2").tracestate()).containsEntry("foo@@bar", "1").containsEntry("bar", "2");
        assertThat(sendState("foo@bar@baz=1,bar=2").tracestate())
                .containsEntry("foo@bar@baz", "1").containsEntry("bar", "2");
    }

    @Test // strict
    void test_tracestate_member_count_limit() {
        String first10 = members(1, 10);
        String second10 = members(11, 20);
        String third10 = members(21, 30);
        Forwarded f = sendState(first10, second10, third10, "bar31=31,bar32=32");
        assertThat(f.tracestate()).hasSize(32).containsEntry("bar01", "01");
        assertDiscarded(first10, second10, third10, "bar31=31,bar32=32,bar33=33");
    }

    @Test // strict
    void test_tracestate_key_length_limit() {
        for (String key : new String[] {"z".repeat(256), "t".repeat(241) + "@" + "v".repeat(14), "t".repeat(242) + "@v",
                "t@" + "v".repeat(15)}) {
            assertThat(sendState("foo=1", key + "=1").tracestate()).as(key)
                    .containsEntry("foo", "1").containsEntry(key, "1");
        }
        assertDiscarded("foo=1", "z".repeat(257) + "=1");
    }

    @Test // strict
    void test_tracestate_value_illegal_characters() {
        assertDiscarded("foo=bar=baz");
        assertDiscarded("foo=,bar=3");
    }

    private static String members(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> String.format("bar%02d=%02d", i, i))
                .collect(Collectors.joining(","));
    }
}
