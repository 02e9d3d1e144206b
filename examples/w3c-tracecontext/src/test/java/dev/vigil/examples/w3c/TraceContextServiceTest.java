package dev.vigil.examples.w3c;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the service over real HTTP the way the suite's harness does (test/test.py and test/server.py of
 * w3c/trace-context): POST /test with trace headers and callback instructions, then check what the harness received.
 * The header-parsing corner cases of all 41 suite cases are covered in core (W3cTraceparentSuiteTest,
 * W3cTracestateSuiteTest); these tests prove the service wiring: extract, SERVER span, CLIENT span per callback, inject.
 */
class TraceContextServiceTest {
    private static final String TRACE_ID = "12345678901234567890123456789012";
    private static final String PARENT_ID = "1234567890123456";
    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Vigil vigil;
    private static TraceContextService service;
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        vigil = Vigil.builder().serviceName("w3c-tracecontext").build();
        service = TraceContextService.start(vigil, 0);
        harness = new Harness();
    }

    @AfterAll
    static void stop() {
        harness.close();
        service.close();
        vigil.close();
    }

    @BeforeEach
    void forget() {
        harness.clear();
    }

    /** A traceparent as the harness parses it. */
    private record Parent(String traceId, String parentId, String flags) {
        static Parent of(Harness.Received r) {
            Matcher m = TRACEPARENT.matcher(r.single("traceparent"));
            assertThat(m.matches()).as("traceparent %s", r.single("traceparent")).isTrue();
            assertThat(m.group(1)).isNotEqualTo("0".repeat(32));
            assertThat(m.group(2)).isNotEqualTo("0".repeat(16));
            return new Parent(m.group(1), m.group(2), m.group(3));
        }
    }

    /** Sends what the harness sends: {@code count} callbacks with empty arguments, and the given headers. */
    private static List<Harness.Received> send(int count, String... headers) throws Exception {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            elements.add("{\"url\": \"" + harness.url("scope." + i) + "\", \"arguments\": []}");
        }
        HttpResponse<String> response = post("[" + String.join(", ", elements) + "]", headers);
        assertThat(response.statusCode()).isEqualTo(200);
        List<Harness.Received> received = harness.received();
        assertThat(received).extracting(Harness.Received::path)
                .containsExactlyElementsOf(elements.stream().map(e -> e.replaceAll(".*/(scope\\.\\d+).*", "/$1")).toList());
        return received;
    }

    private static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.testUri()).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> parentIds(List<Harness.Received> received) {
        return received.stream().map(r -> Parent.of(r).parentId()).collect(Collectors.toSet());
    }

    @Test
    void validTraceparentContinuesTheTraceWithANewParentPerCallback() throws Exception {
        List<Harness.Received> received = send(3, "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");

        assertThat(received).extracting(r -> Parent.of(r).traceId()).containsOnly(TRACE_ID);
        assertThat(received).extracting(r -> Parent.of(r).flags()).containsOnly("01");
        assertThat(parentIds(received)).hasSize(3).doesNotContain(PARENT_ID);
        assertThat(received).allSatisfy(r -> assertThat(r.all("tracestate")).isEmpty());
    }

    @Test
    void unsampledParentStaysUnsampled() throws Exception {
        Parent p = Parent.of(send(1, "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-00").get(0));

        assertThat(p.traceId()).isEqualTo(TRACE_ID);
        assertThat(p.flags()).isEqualTo("00");
    }

    @Test
    void headerNamesAreCaseInsensitive() throws Exception {
        Harness.Received r = send(1, "TraceParent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
                "TraceState", "foo=1").get(0);

        assertThat(Parent.of(r).traceId()).isEqualTo(TRACE_ID);
        assertThat(r.single("tracestate")).isEqualTo("foo=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00-00000000000000000000000000000000-1234567890123456-01", // trace id all zero
        "00-12345678901234567890123456789012-0000000000000000-01", // parent id all zero
        "ff-12345678901234567890123456789012-1234567890123456-01", // forbidden version
        "00-1234567890123456789012345678901A-1234567890123456-01", // uppercase hex
        "00-12345678901234567890123456789012-1234567890123456-1",  // flags too short
        "00-12345678901234567890123456789012-1234567890123456-01-" // version 00 with extra text
    })
    void invalidTraceparentStartsANewTraceAndDropsTracestate(String traceparent) throws Exception {
        List<Harness.Received> received = send(3, "traceparent", traceparent, "tracestate", "foo=1");

        Set<String> traceIds = received.stream().map(r -> Parent.of(r).traceId()).collect(Collectors.toSet());
        assertThat(traceIds).hasSize(1).doesNotContain(TRACE_ID, "0".repeat(32));
        assertThat(parentIds(received)).hasSize(3);
        assertThat(received).allSatisfy(r -> assertThat(r.all("tracestate")).isEmpty());
    }

    @Test
    void missingTraceparentStartsANewTraceAndIgnoresTracestate() throws Exception {
        List<Harness.Received> first = send(3, "tracestate", "foo=1");
        harness.clear();
        List<Harness.Received> second = send(1);

        Set<String> traceIds = first.stream().map(r -> Parent.of(r).traceId()).collect(Collectors.toSet());
        assertThat(traceIds).as("one server span: one trace").hasSize(1);
        assertThat(parentIds(first)).hasSize(3);
        assertThat(Parent.of(second.get(0)).traceId()).as("a new trace per request").isNotIn(traceIds);
        assertThat(first).allSatisfy(r -> assertThat(r.all("tracestate")).isEmpty());
    }

    @Test
    void tracestateIsForwardedAndRepeatedFieldsAreCombinedInOrder() throws Exception {
        String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

        assertThat(send(1, "traceparent", traceparent, "tracestate", "foo=1,bar=2").get(0).single("tracestate"))
                .isEqualTo("foo=1,bar=2");
        harness.clear();
        assertThat(send(1, "traceparent", traceparent, "tracestate", "foo=1", "tracestate", "bar=2").get(0)
                .single("tracestate")).isEqualTo("foo=1,bar=2");
        harness.clear();
        assertThat(send(1, "traceparent", traceparent, "tracestate", "foo=1 , \tbar=2").get(0).single("tracestate"))
                .as("optional whitespace dropped").isEqualTo("foo=1,bar=2");
        harness.clear();
        Harness.Received invalid = send(1, "traceparent", traceparent, "tracestate", "foo=1,BAR=2").get(0);
        assertThat(invalid.all("tracestate")).as("an invalid member invalidates the header").isEmpty();
        assertThat(Parent.of(invalid).traceId()).as("but not the trace").isEqualTo(TRACE_ID);
    }

    @Test
    void baggageIsPropagatedWithOrWithoutAValidTraceparent() throws Exception {
        String baggage = "userId=alice,serverNode=DF%2028,isProduction=false;ttl=30";

        Harness.Received valid = send(1, "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
                "baggage", baggage).get(0);
        harness.clear();
        Harness.Received missing = send(1, "baggage", baggage).get(0);

        assertThat(valid.single("baggage")).isEqualTo(baggage);
        assertThat(missing.single("baggage")).isEqualTo(baggage);
        assertThat(Parent.of(missing).traceId()).isNotEqualTo(TRACE_ID);
    }

    @Test
    void argumentsArriveAsTheSameJsonEmptyAndNestedAlike() throws Exception {
        String nested = "[{\"url\": \"http://127.0.0.1:1/x.0\", \"arguments\": [{\"url\": \"u\", \"arguments\": []}]},"
                + " {\"k\": [1, 2.5, -3e-7, true, null, \"\\u00e9\\\"\"]}]";
        String body = "[{\"url\": \"" + harness.url("scope.0") + "\", \"arguments\": []},"
                + " {\"url\": \"" + harness.url("scope.1") + "\", \"arguments\": " + nested + "},"
                + " {\"url\": \"" + harness.url("scope.2") + "\"}]";

        assertThat(post(body).statusCode()).isEqualTo(200);

        List<Harness.Received> received = harness.received();
        assertThat(received).extracting(Harness.Received::body).hasSize(3);
        assertThat(received.get(0).body()).isEqualTo("[]");
        assertThat(Json.parse(received.get(1).body())).isEqualTo(Json.parse(nested));
        assertThat(received.get(2).body()).isEqualTo("[]");
        assertThat(received).allSatisfy(r -> assertThat(r.single("content-type")).isEqualTo("application/json"));
    }

    @Test
    void everyCallbackIsMadeBeforeTheAnswerAndWellWithinFiveSeconds() throws Exception {
        long start = System.nanoTime();
        List<Harness.Received> received = send(3, "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
        long answered = System.nanoTime();

        assertThat(received).allSatisfy(r -> assertThat(r.receivedNanos()).isBetween(start, answered));
        assertThat(Duration.ofNanos(answered - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedCallbackStillGetsA200AndTheOtherCallbacksAreMade() throws Exception {
        String body = "[{\"url\": \"" + Harness.refusingUrl() + "\", \"arguments\": []},"
                + " {\"url\": \"" + harness.url("scope.1") + "\", \"arguments\": []}]";
        long start = System.nanoTime();

        HttpResponse<String> response = post(body, "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(harness.received()).extracting(Harness.Received::path).containsExactly("/scope.1");
        assertThat(Parent.of(harness.received().get(0)).traceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void aHangingCallbackCannotTakeMoreThanItsShareOfTheBudget() throws Exception {
        try (TraceContextService tight = TraceContextService.start(vigil, 0, Duration.ofMillis(800));
             Harness slow = Harness.hanging(Duration.ofSeconds(5))) {
            String body = "[{\"url\": \"" + slow.url("slow") + "\", \"arguments\": []},"
                    + " {\"url\": \"" + harness.url("scope.1") + "\", \"arguments\": []}]";
            long start = System.nanoTime();

            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(tight.testUri())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(harness.received()).extracting(Harness.Received::path).containsExactly("/scope.1");
        }
    }

    @Test
    void requestsThatAreNotTheContractAreRefused() throws Exception {
        assertThat(post("not json").statusCode()).isEqualTo(400);
        assertThat(post("{\"url\": \"" + harness.url("scope.0") + "\"}").statusCode()).isEqualTo(400);
        assertThat(post("[]").statusCode()).isEqualTo(200);
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(service.testUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(harness.received()).isEmpty();
    }

    /**
     * TraceContext2Test.test_propagates_random_flag (SPEC_LEVEL=2). The propagators keep the flag (core's
     * W3cTraceparentSuiteTest), but core's TraceSampler builds child spans with only the sampled bit, so the real
     * observation path drops it.
     */
    @Test
    void randomFlagIsPropagated() throws Exception {
        Parent p = Parent.of(send(1, "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-02").get(0));

        assertThat(p.traceId()).isEqualTo(TRACE_ID);
        assertThat(p.parentId()).isNotEqualTo(PARENT_ID);
        assertThat(Integer.parseInt(p.flags(), 16) & 0x02).as("random flag").isEqualTo(0x02);
    }

    @Test
    void theTestUriIsWhatTheSuiteIsGiven() {
        assertThat(service.testUri()).isEqualTo(URI.create("http://127.0.0.1:" + service.port() + "/test"));
    }
}
