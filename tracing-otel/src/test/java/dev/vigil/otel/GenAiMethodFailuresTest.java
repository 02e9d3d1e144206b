package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.GenAiCall;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.testing.OtlpReceiver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A GenAI call closed with no outcome inside an instrumented method takes that method's outcome: an exception through
 * the method fails it with the method's {@code error.type}, a normal return leaves it a success. Asserted on a real
 * Prometheus scrape and on the spans a loopback OTLP receiver gets.
 */
@SuppressWarnings("try") // calls opened for their effect
class GenAiMethodFailuresTest {
    private static final String DURATION = "gen_ai_client_operation_duration_seconds_count{";

    private OtlpReceiver receiver;
    private MicrometerMetrics metrics;
    private Vigil vigil;
    private AnsweringService service;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        metrics = MicrometerMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).jvmMetrics(false)
                .build();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(metrics).install();
        service = new AnsweringService(vigil);
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        receiver.close();
    }

    private List<String> durations() {
        String scrape = ((PrometheusMeterRegistry) metrics.registry()).scrape();
        return scrape.lines().filter(l -> l.startsWith(DURATION)).collect(Collectors.toList());
    }

    private static Span parentOf(Span child, List<Span> spans) {
        return spans.stream().filter(s -> s.getSpanId().equals(child.getParentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent of " + child.getName()));
    }

    @Test
    void anExceptionThroughATracedMethodFailsTheCallWithTheMethodsErrorType() throws Exception {
        assertThatThrownBy(() -> service.answer(() -> {
            throw new IllegalStateException("provider down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("provider down");

        assertThat(durations()).singleElement().satisfies(l -> assertThat(l)
                .contains("error_type=\"java.lang.IllegalStateException\"")
                .contains("gen_ai_operation_name=\"chat\"").contains("gen_ai_request_model=\"gpt-4o-mini\"")
                .endsWith(" 1"));
        List<Span> spans = receiver.await(2);
        Span call = receiver.named("chat gpt-4o-mini");
        Span method = receiver.named("AnsweringService.answer");
        assertThat(call.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.attributes(call)).containsEntry("error.type", "java.lang.IllegalStateException");
        assertThat(parentOf(call, spans)).isEqualTo(method);
        assertThat(method.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void aNormalReturnRecordsTheCallAsASuccess() throws Exception {
        assertThat(service.answer(() -> "42")).isEqualTo("42");

        assertThat(durations()).singleElement().satisfies(l -> assertThat(l).doesNotContain("error_type")
                .endsWith(" 1"));
        receiver.await(2);
        Span call = receiver.named("chat gpt-4o-mini");
        assertThat(call.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.attributes(call)).doesNotContainKey("error.type");
    }

    @Test
    void aTimedOnlyMethodFailsTheCallToo() {
        assertThatThrownBy(() -> service.timedAnswer(() -> {
            throw new IllegalArgumentException("bad prompt");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(durations()).singleElement().satisfies(l -> assertThat(l)
                .contains("error_type=\"java.lang.IllegalArgumentException\""));
        String scrape = ((PrometheusMeterRegistry) metrics.registry()).scrape();
        assertThat(scrape).contains("answering_timed_seconds_count{error_type=\"java.lang.IllegalArgumentException\"");
    }

    @Test
    void aCallWithUsageIsRecordedAtCloseAndKeepsItsSuccess() throws Exception {
        assertThatThrownBy(() -> service.answerThenFail(new IllegalStateException("parse failed")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(durations()).singleElement().satisfies(l -> assertThat(l).doesNotContain("error_type")
                .contains("gen_ai_request_model=\"gpt-4o\""));
        receiver.await(2);
        assertThat(receiver.named("chat gpt-4o").getStatus().getCode())
                .isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void onlyTheNearestMethodDecides() throws Exception {
        assertThat(service.outer(() -> {
            throw new IllegalStateException("provider down");
        })).isEqualTo("recovered");

        assertThat(durations()).singleElement().satisfies(l -> assertThat(l)
                .contains("error_type=\"java.lang.IllegalStateException\""));
        List<Span> spans = receiver.await(3);
        assertThat(parentOf(receiver.named("chat gpt-4o-mini"), spans).getName()).isEqualTo("AnsweringService.answer");
        assertThat(receiver.named("AnsweringService.outer").getStatus().getCode())
                .isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void atMostSixteenCallsWaitAndTheRestAreRecordedAtClose() {
        assertThatThrownBy(() -> service.manyThenFail(20, new IllegalStateException("batch failed")))
                .isInstanceOf(IllegalStateException.class);

        List<String> lines = durations();
        assertThat(lines).filteredOn(l -> l.contains("error_type=\"java.lang.IllegalStateException\""))
                .singleElement().satisfies(l -> assertThat(l).endsWith(" 16"));
        assertThat(lines).filteredOn(l -> !l.contains("error_type")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 4"));
    }

    @Test
    void withoutAnAnnotatedMethodACallWithoutOutcomeIsRecordedAtClose() {
        try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
            call.attribute("gen_ai.request.max_tokens", 10L);
        }
        assertThat(durations()).singleElement().satisfies(l -> assertThat(l).doesNotContain("error_type")
                .endsWith(" 1"));
    }
}
