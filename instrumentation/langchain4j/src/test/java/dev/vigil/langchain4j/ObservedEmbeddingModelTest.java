package dev.vigil.langchain4j;

import static dev.vigil.langchain4j.Loopback.series;
import static dev.vigil.langchain4j.Loopback.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.vigil.testing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real OpenAiEmbeddingModel wrapped by Vigil against the loopback server. */
class ObservedEmbeddingModelTest {
    private static final String EMBEDDINGS = "gen_ai_operation_name=\"embeddings\"";
    private Loopback loopback;
    private EmbeddingModel model;

    @BeforeEach
    void start() throws Exception {
        loopback = new Loopback();
        model = VigilLangChain4j.observe(loopback.vigil, OpenAiEmbeddingModel.builder().baseUrl(loopback.baseUrl())
                .apiKey("test-key").modelName("text-embedding-3-small").maxRetries(0).build(), loopback.baseUrl());
    }

    @AfterEach
    void stop() {
        loopback.close();
    }

    @Test
    void anEmbeddingsCallRecordsItsInputTokensCostAndSpan() throws Exception {
        Response<List<Embedding>> response = model.embedAll(List.of(TextSegment.from("Vigil counts tokens"),
                TextSegment.from("and prices them")));

        assertThat(response.content()).hasSize(2);
        String scrape = loopback.scrape();
        // the loopback server counts a token a word: 6
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", EMBEDDINGS, "gen_ai_provider_name=\"openai\"",
                "gen_ai_request_model=\"text-embedding-3-small\"", "gen_ai_token_type=\"input\"")).isEqualTo(6.0);
        assertThat(series(scrape, "gen_ai_client_token_usage_count", EMBEDDINGS, "gen_ai_token_type=\"output\""))
                .isEmpty();
        assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", EMBEDDINGS)).isEqualTo(1.0);
        assertThat(value(scrape, "gen_ai_client_cost_usd_total", EMBEDDINGS)).isCloseTo(6 * 0.02 / 1e6, within(1e-15));
        loopback.flush();
        Span span = loopback.receiver.named("embeddings text-embedding-3-small");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("gen_ai.usage.input_tokens", 6L)
                .containsEntry("gen_ai.operation.name", "embeddings").containsEntry("server.address", "127.0.0.1");
    }

    @Test
    void aServerErrorIsErrorType500() throws Exception {
        loopback.server.failNext(500, 1);

        assertThatThrownBy(() -> model.embed("Vigil")).isInstanceOf(InternalServerException.class);

        String scrape = loopback.scrape();
        assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", EMBEDDINGS, "error_type=\"500\""))
                .isEqualTo(1.0);
        assertThat(series(scrape, "gen_ai_client_token_usage_count")).isEmpty();
    }
}
