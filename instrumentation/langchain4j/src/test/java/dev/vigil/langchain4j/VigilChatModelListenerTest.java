package dev.vigil.langchain4j;

import static dev.vigil.langchain4j.Loopback.buckets;
import static dev.vigil.langchain4j.Loopback.series;
import static dev.vigil.langchain4j.Loopback.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.vigil.testing.OtlpReceiver;
import dev.vigil.testing.PrometheusConformance;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real OpenAiChatModel with Vigil's listener, against the loopback server: the scrape and the exported spans. */
class VigilChatModelListenerTest {
    private static final String CHAT = "gen_ai_operation_name=\"chat\"";
    private static final String OPENAI = "gen_ai_provider_name=\"openai\"";
    private static final String MODELS = "gen_ai_request_model=\"gpt-4o-mini\",gen_ai_response_model=\"gpt-4o-mini-2024-07-18\"";
    private Loopback loopback;

    @BeforeEach
    void start() throws Exception {
        loopback = new Loopback();
        loopback.server.responseModel("gpt-4o-mini-2024-07-18");
    }

    @AfterEach
    void stop() {
        loopback.close();
    }

    private ChatModel model(String listenerBaseUrl) {
        return OpenAiChatModel.builder().baseUrl(loopback.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini")
                .maxRetries(0).listeners(List.of(listenerBaseUrl == null ? VigilLangChain4j.listener(loopback.vigil)
                        : VigilLangChain4j.listener(loopback.vigil, listenerBaseUrl))).build();
    }

    @Test
    void aChatCallRecordsTokenHistogramsCostAndAClientSpanFollowingTheConventions() throws Exception {
        loopback.server.usage(3_000_000, 1_000_000, 2_000_000, 12);

        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("What does Vigil record?")).build();
        String answer = model(loopback.baseUrl()).chat(request, ChatRequestOptions.builder()
                .addListenerAttribute(VigilLangChain4j.FEATURE, "support-bot").build()).aiMessage().text();

        assertThat(answer).isEqualTo("Hello from the loopback model.");
        String scrape = loopback.scrape();
        PrometheusConformance.assertConforms(scrape, "gen_ai.client.token.usage", "gen_ai.client.operation.duration",
                "gen_ai.client.cost");
        assertThat(scrape).contains("# TYPE gen_ai_client_token_usage histogram",
                "# TYPE gen_ai_client_operation_duration_seconds histogram")
                .doesNotContain("gen_ai_client_token_usage_total", "gen_ai_token_type=\"total\"", "gen_ai_system",
                        "OPEN_AI");
        String server = "server_address=\"127.0.0.1\"";
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, OPENAI, MODELS, server,
                "gen_ai_token_type=\"input\"")).isEqualTo(3_000_000.0);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, OPENAI, MODELS, server,
                "gen_ai_token_type=\"output\"")).isEqualTo(1_000_000.0);
        assertThat(series(scrape, "gen_ai_client_token_usage_count").stream().map(l -> l.replaceAll(".*gen_ai_token_type=\"(\\w+)\".*", "$1")))
                .containsExactlyInAnyOrder("input", "output");
        assertThat(buckets(scrape, "gen_ai_client_token_usage", "gen_ai_token_type=\"input\""))
                .containsExactlyElementsOf(Loopback.TOKEN_BUCKETS);
        assertThat(buckets(scrape, "gen_ai_client_operation_duration_seconds", CHAT))
                .containsExactlyElementsOf(Loopback.SECONDS_BUCKETS);
        assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", CHAT, OPENAI, MODELS)).isEqualTo(1.0);
        // 1M uncached input at 0.15, 2M cache reads at 0.075, 1M output at 0.60 (USD per 1M tokens)
        double cost = value(scrape, "gen_ai_client_cost_usd_total", CHAT, OPENAI, "feature=\"support-bot\"");
        assertThat(Math.round(cost * 100)).isEqualTo(90);
        assertThat(cost).isCloseTo(0.15 + 0.15 + 0.60, within(1e-9));

        loopback.flush();
        Span span = loopback.receiver.named("chat gpt-4o-mini");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(OtlpReceiver.attributes(span)).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai").containsEntry("gen_ai.request.model", "gpt-4o-mini")
                .containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                .containsEntry("server.address", "127.0.0.1").doesNotContainKey("error.type");
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("gen_ai.usage.input_tokens", 3_000_000L)
                .containsEntry("gen_ai.usage.output_tokens", 1_000_000L)
                .containsEntry("gen_ai.usage.cache_read.input_tokens", 2_000_000L)
                .containsEntry("gen_ai.usage.reasoning.output_tokens", 12L)
                .containsEntry("server.port", (long) loopback.server.port());
        assertThat(span.getAttributesList().stream().filter(kv -> kv.getKey().equals("gen_ai.response.finish_reasons"))
                .map(kv -> kv.getValue().getArrayValue().getValuesList().stream().map(v -> v.getStringValue())
                        .collect(Collectors.toList()))).containsExactly(List.of("stop"));
    }

    @Test
    void rateLimitsAndServerErrorsAreTheirStatusCodeAsErrorTypeWithNoTokens() throws Exception {
        ChatModel model = model(null);

        loopback.server.failNext(429, 1);
        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);
        loopback.server.failNext(500, 1);
        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(InternalServerException.class);

        String scrape = loopback.scrape();
        assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", CHAT, OPENAI, "error_type=\"429\""))
                .isEqualTo(1.0);
        assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", CHAT, OPENAI, "error_type=\"500\""))
                .isEqualTo(1.0);
        assertThat(series(scrape, "gen_ai_client_token_usage_count")).isEmpty();
        assertThat(scrape).doesNotContain("server_address");
        loopback.flush();
        List<Span> spans = loopback.receiver.spans;
        assertThat(spans).extracting(Span::getName).containsExactly("chat gpt-4o-mini", "chat gpt-4o-mini");
        assertThat(spans).extracting(s -> OtlpReceiver.attributes(s).get("error.type")).containsExactly("429", "500");
        assertThat(spans).extracting(s -> s.getStatus().getCode()).containsOnly(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void anyChatModelIsRecordedWithItsOwnProviderAndTheDefaultModelName() throws Exception {
        ChatModelListener listener = VigilLangChain4j.listener(loopback.vigil);
        ChatModel local = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("local answer")).modelName("llama3.2:1b")
                        .tokenUsage(new TokenUsage(5, 3)).finishReason(FinishReason.LENGTH).build();
            }

            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return ChatRequestParameters.builder().modelName("llama3.2").build();
            }

            @Override
            public List<ChatModelListener> listeners() {
                return List.of(listener);
            }

            @Override
            public ModelProvider provider() {
                return ModelProvider.OLLAMA;
            }
        };

        assertThat(local.chat("hi")).isEqualTo("local answer");

        String scrape = loopback.scrape();
        String ollama = "gen_ai_provider_name=\"ollama\",gen_ai_request_model=\"llama3.2\",gen_ai_response_model=\"llama3.2:1b\"";
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, ollama, "gen_ai_token_type=\"input\"")).isEqualTo(5.0);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, ollama, "gen_ai_token_type=\"output\"")).isEqualTo(3.0);
        assertThat(series(scrape, "gen_ai_client_cost_usd_total")).isEmpty();
        assertThat(value(scrape, "vigil_genai_unpriced_total", "gen_ai_request_model=\"llama3.2\"")).isEqualTo(1.0);
        loopback.flush();
        assertThat(loopback.receiver.named("chat llama3.2").getAttributesList().stream()
                .filter(kv -> kv.getKey().equals("gen_ai.response.finish_reasons"))
                .map(kv -> kv.getValue().getArrayValue().getValues(0).getStringValue())).containsExactly("length");
    }
}
