package dev.vigil.propagation;

import static dev.vigil.propagation.W3cHarness.PARENT_ID;
import static dev.vigil.propagation.W3cHarness.TRACE_ID;
import static dev.vigil.propagation.W3cHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.propagation.W3cHarness.Forwarded;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Mirror of the official W3C trace-context test suite (w3c/trace-context test/test.py, STRICT_LEVEL=2, SPEC_LEVEL=2),
 * part 1 of 2: the traceparent cases of {@code TraceContextTest}, all of {@code AdvancedTest} and of
 * {@code TraceContext2Test}. Each method is named exactly like the suite case it mirrors and asserts what the suite
 * asserts about the forwarded headers (sometimes more).
 *
 * <p>Suite total: 41 cases = this class 27 (TraceContextTest 23 + AdvancedTest 3 + TraceContext2Test 1) +
 * {@link W3cTracestateSuiteTest} 14.
 */
class W3cTraceparentSuiteTest {

    private static final String VALID = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

    /** A traceparent the service must reject: the forwarded trace is new, and carries no tracestate. */
    private static void assertRestarted(String traceparent) {
        Forwarded f = send("traceparent", traceparent, "tracestate", "foo=1");
        assertThat(f.traceId()).as(traceparent).isNotEqualTo(TRACE_ID);
        assertThat(f.tracestate()).as("tracestate must be ignored with an invalid traceparent").isEmpty();
    }

    private static void assertContinued(String name, String traceparent) {
        Forwarded f = send(name, traceparent);
        assertThat(f.traceId()).as(traceparent).isEqualTo(TRACE_ID);
        assertThat(f.parentId()).isNotEqualTo(PARENT_ID);
    }

    // ---- TraceContextTest: traceparent (23) ----

    @Test
    void test_both_traceparent_and_tracestate_missing() {
        Forwarded f = send();
        assertThat(f.traceId()).hasSize(32);
        assertThat(f.tracestate()).isEmpty();
    }

    @Test
    void test_traceparent_included_tracestate_missing() {
        assertContinued("traceparent", VALID);
    }

    @Test
    void test_traceparent_duplicated() {
        Forwarded f = send("traceparent", "00-12345678901234567890123456789011-1234567890123456-01",
                "traceparent", "00-12345678901234567890123456789012-1234567890123456-01");
        assertThat(f.traceId()).isNotIn("12345678901234567890123456789011", TRACE_ID);
    }

    @Test
    void test_traceparent_header_name() {
        assertThat(send("trace-parent", VALID).traceId()).isNotEqualTo(TRACE_ID);
        assertThat(send("trace.parent", VALID).traceId()).isNotEqualTo(TRACE_ID);
    }

    @Test
    void test_traceparent_header_name_valid_casing() {
        assertContinued("TraceParent", VALID);
        assertContinued("TrAcEpArEnT", VALID);
        assertContinued("TRACEPARENT", VALID);
    }

    @Test
    void test_traceparent_version_0x00() {
        assertRestarted("00-12345678901234567890123456789012-1234567890123456-01.");
        assertRestarted("00-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like");
    }

    @Test
    void test_traceparent_version_0xcc() {
        assertContinued("traceparent", "cc-12345678901234567890123456789012-1234567890123456-01");
        assertContinued("traceparent",
                "cc-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like");
        assertRestarted("cc-12345678901234567890123456789012-1234567890123456-01.what-the-future-will-be-like");
    }

    @Test
    void test_traceparent_version_0xff() {
        assertRestarted("ff-12345678901234567890123456789012-1234567890123456-01");
    }

    @Test
    void test_traceparent_version_illegal_characters() {
        assertRestarted(".0-12345678901234567890123456789012-1234567890123456-01");
        assertRestarted("0.-12345678901234567890123456789012-1234567890123456-01");
    }

    @Test
    void test_traceparent_version_too_long() {
        assertRestarted("000-12345678901234567890123456789012-1234567890123456-01");
        assertRestarted("0000-12345678901234567890123456789012-1234567890123456-01");
    }

    @Test
    void test_traceparent_version_too_short() {
        assertRestarted("0-12345678901234567890123456789012-1234567890123456-01");
    }

    @Test
    void test_traceparent_trace_id_all_zero() {
        Forwarded f = send("traceparent", "00-00000000000000000000000000000000-1234567890123456-01");
        assertThat(f.traceId()).isNotEqualTo("00000000000000000000000000000000");
    }

    @Test
    void test_traceparent_trace_id_illegal_characters() {
        assertRestarted("00-.2345678901234567890123456789012-1234567890123456-01");
        assertRestarted("00-1234567890123456789012345678901.-1234567890123456-01");
    }

    @Test
    void test_traceparent_trace_id_too_long() {
        Forwarded f = send("traceparent", "00-123456789012345678901234567890123-1234567890123456-01");
        assertThat(f.traceId())
                .isNotIn("123456789012345678901234567890123", TRACE_ID, "23456789012345678901234567890123");
    }

    @Test
    void test_traceparent_trace_id_too_short() {
        Forwarded f = send("traceparent", "00-1234567890123456789012345678901-1234567890123456-01");
        assertThat(f.traceId()).isNotEqualTo("1234567890123456789012345678901").doesNotStartWith("1234567890123456789");
    }

    @Test
    void test_traceparent_parent_id_all_zero() {
        assertRestarted("00-12345678901234567890123456789012-0000000000000000-01");
    }

    @Test
    void test_traceparent_parent_id_illegal_characters() {
        assertRestarted("00-12345678901234567890123456789012-.234567890123456-01");
        assertRestarted("00-12345678901234567890123456789012-123456789012345.-01");
    }

    @Test
    void test_traceparent_parent_id_too_long() {
        assertRestarted("00-12345678901234567890123456789012-12345678901234567-01");
    }

    @Test
    void test_traceparent_parent_id_too_short() {
        assertRestarted("00-12345678901234567890123456789012-123456789012345-01");
    }

    @Test
    void test_traceparent_trace_flags_illegal_characters() {
        assertRestarted("00-12345678901234567890123456789012-1234567890123456-.0");
        assertRestarted("00-12345678901234567890123456789012-1234567890123456-0.");
    }

    @Test
    void test_traceparent_trace_flags_too_long() {
        assertRestarted("00-12345678901234567890123456789012-1234567890123456-001");
    }

    @Test
    void test_traceparent_trace_flags_too_short() {
        assertRestarted("00-12345678901234567890123456789012-1234567890123456-1");
    }

    @Test
    void test_traceparent_ows_handling() {
        assertContinued("traceparent", " " + VALID);
        assertContinued("traceparent", "\t" + VALID);
        assertContinued("traceparent", VALID + " ");
        assertContinued("traceparent", VALID + "\t");
        assertContinued("traceparent", "\t " + VALID + " \t");
    }

    // ---- AdvancedTest (3) ----

    @Test
    void test_multiple_requests_with_valid_traceparent() {
        List<Forwarded> callbacks = send(3, "traceparent", VALID);
        assertThat(callbacks.stream().map(Forwarded::traceId).collect(Collectors.toSet())).containsExactly(TRACE_ID);
        assertThat(parentIds(callbacks)).hasSize(3);
    }

    @Test
    void test_multiple_requests_without_traceparent() {
        assertThat(parentIds(send(3))).hasSize(3);
    }

    @Test
    void test_multiple_requests_with_illegal_traceparent() {
        List<Forwarded> callbacks = send(3, "traceparent", "00-00000000000000000000000000000000-1234567890123456-01");
        assertThat(callbacks).extracting(Forwarded::traceId).doesNotContain("00000000000000000000000000000000");
        assertThat(parentIds(callbacks)).hasSize(3);
    }

    // ---- TraceContext2Test (1) ----

    @Test
    void test_propagates_random_flag() {
        Forwarded f = send("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-02");
        assertThat(f.traceId()).isEqualTo(TRACE_ID);
        assertThat(f.parentId()).isNotEqualTo(PARENT_ID);
        assertThat(f.flags() & 0x02).as("random flag").isEqualTo(0x02);
    }

    private static Set<String> parentIds(List<Forwarded> callbacks) {
        return callbacks.stream().map(Forwarded::parentId).collect(Collectors.toSet());
    }
}
