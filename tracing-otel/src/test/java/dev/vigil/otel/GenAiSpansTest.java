package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.GenAiCall;
import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GenAI calls as a real OTLP receiver sees them: names, kind, usage, finish reasons, nesting, errors, content. */
@SuppressWarnings("try") // calls opened for their effect
class GenAiSpansTest {
    private OtlpReceiver receiver;
    private Vigil vigil;

    private void start(boolean captureContent) throws Exception {
        receiver = new OtlpReceiver();
        vigil = TestVigil.builder(receiver.endpoint()).metrics(new CountingMetrics())
                .property("vigil.genai.capture-content", Boolean.toString(captureContent))
                .property("vigil.genai.capture-content.max-length", "64")
                .install();
    }

    @AfterEach
    void stop() {
        TestVigil.close(vigil);
        if (receiver != null) {
            receiver.close();
        }
    }

    private static List<String> stringArray(Span span, String key) {
        for (KeyValue kv : span.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                assertThat(kv.getValue().getValueCase()).isEqualTo(AnyValue.ValueCase.ARRAY_VALUE);
                return kv.getValue().getArrayValue().getValuesList().stream().map(AnyValue::getStringValue)
                        .collect(Collectors.toList());
            }
        }
        throw new AssertionError("no attribute " + key + " on " + span.getName());
    }

    @Test
    void aChatCallIsAClientSpanWithUsageFinishReasonsAndTheSpecsProviderValue() throws Exception {
        start(false);
        try (GenAiCall call = vigil.genAi().chat("OPEN_AI", "gpt-4o-mini").serverAddress("api.openai.com")
                .serverPort(443).feature("support-bot").start()) {
            call.prompt("What is my password hunter2?");
            call.responseModel("gpt-4o-mini-2024-07-18").responseId("chatcmpl-1").finishReason("stop")
                    .finishReason("length");
            call.usage(1200, 350, 1000, 20);
            call.completion("It is secret.");
        }
        receiver.await(1);
        Span span = receiver.named("chat gpt-4o-mini");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        Map<String, Object> a = OtlpReceiver.typedAttributes(span);
        assertThat(a).containsEntry("gen_ai.operation.name", "chat").containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o-mini")
                .containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                .containsEntry("gen_ai.response.id", "chatcmpl-1")
                .containsEntry("server.address", "api.openai.com").containsEntry("server.port", 443L)
                .containsEntry("gen_ai.usage.input_tokens", 1200L).containsEntry("gen_ai.usage.output_tokens", 350L)
                .containsEntry("gen_ai.usage.cache_read.input_tokens", 1000L)
                .containsEntry("gen_ai.usage.reasoning.output_tokens", 20L)
                .doesNotContainKeys("gen_ai.system", "error.type", "vigil.genai.usage.estimated",
                        "gen_ai.input.messages", "gen_ai.output.messages");
        assertThat(stringArray(span, "gen_ai.response.finish_reasons")).containsExactly("stop", "length");
        assertThat(span.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void stagesNestInThePipelineSpanAndAFailedCallHasErrorStatus() throws Exception {
        start(false);
        try (Observation rag = vigil.genAi().pipeline("rag").start()) {
            try (GenAiCall e = vigil.genAi().embeddings("openai", "text-embedding-3-small").start()) {
                e.usage(8, 0);
            }
            try (GenAiCall r = vigil.genAi().retrieval("qdrant", "docs-index").start()) {
                r.documents(5);
            }
            try (GenAiCall c = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
                c.chunk().chunk();
                c.error(new IllegalStateException("stream reset"));
            }
        }
        receiver.await(4);
        Span pipeline = receiver.named("pipeline rag");
        Span embeddings = receiver.named("embeddings text-embedding-3-small");
        Span retrieval = receiver.named("retrieval docs-index");
        Span chat = receiver.named("chat gpt-4o-mini");
        for (Span stage : List.of(embeddings, retrieval, chat)) {
            assertThat(stage.getTraceId()).isEqualTo(pipeline.getTraceId());
            assertThat(stage.getParentSpanId()).isEqualTo(pipeline.getSpanId());
            assertThat(stage.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        }
        assertThat(OtlpReceiver.typedAttributes(retrieval)).containsEntry("gen_ai.operation.name", "retrieval")
                .containsEntry("gen_ai.data_source.id", "docs-index").containsEntry("gen_ai.provider.name", "qdrant")
                .containsEntry("vigil.genai.retrieval.documents", 5L).doesNotContainKey("gen_ai.request.model");
        assertThat(OtlpReceiver.typedAttributes(embeddings)).containsEntry("gen_ai.usage.input_tokens", 8L)
                .doesNotContainKey("gen_ai.usage.output_tokens");
        assertThat(chat.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(OtlpReceiver.typedAttributes(chat)).containsEntry("error.type", "java.lang.IllegalStateException")
                .containsEntry("gen_ai.usage.output_tokens", 2L)
                .containsEntry("vigil.genai.usage.estimated", "true")
                .doesNotContainKey("gen_ai.usage.input_tokens");
    }

    @Test
    void capturedContentIsRedactedAndTruncated() throws Exception {
        start(true);
        String longAnswer = "x".repeat(500);
        try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
            call.prompt("my password=hunter2 please");
            call.finishReason("stop");
            call.completion(longAnswer);
        }
        receiver.await(1);
        Map<String, String> a = OtlpReceiver.attributes(receiver.named("chat gpt-4o-mini"));
        assertThat(a.get("gen_ai.input.messages")).startsWith("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\"")
                .doesNotContain("hunter2").contains("****");
        assertThat(a.get("gen_ai.output.messages")).contains("\"role\":\"assistant\"", "\"finish_reason\":\"stop\"",
                "x".repeat(64) + "...[truncated]").doesNotContain("x".repeat(65));
    }
}
