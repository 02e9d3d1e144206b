package dev.vigil.langchain4j;

import static dev.vigil.langchain4j.Loopback.buckets;
import static dev.vigil.langchain4j.Loopback.series;
import static dev.vigil.langchain4j.Loopback.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.vigil.testing.OtlpReceiver;
import dev.vigil.testing.PrometheusConformance;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real OpenAiStreamingChatModel wrapped by Vigil, streaming from the loopback server's server-sent events. */
class ObservedStreamingChatModelTest {
    private static final String CHAT = "gen_ai_operation_name=\"chat\"";
    private static final String OPENAI = "gen_ai_provider_name=\"openai\"";
    private static final String ESTIMATED = "vigil_genai_usage_estimated=\"true\"";
    private Loopback loopback;
    private StreamingChatModel model;

    @BeforeEach
    void start() throws Exception {
        loopback = new Loopback();
        loopback.server.content("Vigil records every chunk").chunkDelay(Duration.ofMillis(15));
        model = VigilLangChain4j.observe(loopback.vigil, OpenAiStreamingChatModel.builder().baseUrl(loopback.baseUrl())
                .apiKey("test-key").modelName("gpt-4o-mini").build(), loopback.baseUrl());
    }

    @AfterEach
    void stop() {
        loopback.close();
    }

    /** Collects a stream's chunks and its end; the application may cancel it at a given chunk. */
    private static final class Collector implements StreamingChatResponseHandler {
        final List<String> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<Object> end = new CompletableFuture<>();
        private final int cancelAt;

        Collector(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            chunks.add(partial.text());
            if (chunks.size() == cancelAt) {
                context.streamingHandle().cancel();
                end.complete("cancelled");
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            end.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            end.complete(error);
        }

        Object await() throws Exception {
            return end.get(10, TimeUnit.SECONDS);
        }
    }

    private Collector stream(int cancelAt) throws Exception {
        Collector collector = new Collector(cancelAt);
        model.chat("Tell me about Vigil", collector);
        collector.await();
        return collector;
    }

    @Test
    void aStreamRecordsTimeToFirstChunkPerChunkAndTheUsageTheProviderReported() throws Exception {
        loopback.server.usage(40, 4);

        Collector collector = stream(0);

        assertThat(collector.end.get()).isInstanceOf(ChatResponse.class);
        assertThat(collector.chunks).containsExactly("Vigil", " records", " every", " chunk");
        assertThat(loopback.server.requests()).singleElement().satisfies(r -> assertThat(r.includeUsage()).isTrue());
        String scrape = loopback.scrape();
        PrometheusConformance.assertConforms(scrape, "gen_ai.client.operation.time_to_first_chunk",
                "gen_ai.client.operation.time_per_output_chunk");
        assertThat(scrape).contains("# TYPE gen_ai_client_operation_time_to_first_chunk_seconds histogram");
        assertThat(value(scrape, "gen_ai_client_operation_time_to_first_chunk_seconds_count", CHAT, OPENAI,
                "server_address=\"127.0.0.1\"")).isEqualTo(1.0);
        assertThat(value(scrape, "gen_ai_client_operation_time_to_first_chunk_seconds_sum", CHAT)).isGreaterThan(0.0);
        assertThat(buckets(scrape, "gen_ai_client_operation_time_to_first_chunk_seconds", CHAT))
                .containsExactlyElementsOf(Loopback.SECONDS_BUCKETS);
        assertThat(value(scrape, "gen_ai_client_operation_time_per_output_chunk_seconds_count", CHAT)).isGreaterThanOrEqualTo(1.0);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"input\"")).isEqualTo(40.0);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"output\"")).isEqualTo(4.0);
        assertThat(scrape).doesNotContain(ESTIMATED);
        assertThat(value(scrape, "gen_ai_client_cost_usd_total", CHAT)).isCloseTo((40 * 0.15 + 4 * 0.60) / 1e6,
                org.assertj.core.api.Assertions.within(1e-12));
        loopback.flush();
        Span span = loopback.receiver.named("chat gpt-4o-mini");
        assertThat(OtlpReceiver.typedAttributes(span)).containsEntry("gen_ai.usage.input_tokens", 40L)
                .containsEntry("gen_ai.usage.output_tokens", 4L).containsEntry("gen_ai.provider.name", "openai");
    }

    @Test
    void aStreamWithoutUsageRecordsUsageEstimatedFromPromptAndChunksFlaggedAsSuch() throws Exception {
        loopback.server.streamUsage(false);

        stream(0);

        String scrape = loopback.scrape();
        // "Tell me about Vigil" is 19 characters, the answer 25: a quarter of each, rounded up
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"output\"", ESTIMATED))
                .isGreaterThan(0.0);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"input\"", ESTIMATED))
                .isGreaterThan(0.0);
        assertThat(series(scrape, "gen_ai_client_token_usage_count").stream().filter(l -> !l.contains(ESTIMATED)))
                .isEmpty();
        assertThat(value(scrape, "gen_ai_client_cost_usd_total", CHAT, ESTIMATED)).isGreaterThan(0.0);
        loopback.flush();
        assertThat(String.valueOf(OtlpReceiver.typedAttributes(loopback.receiver.named("chat gpt-4o-mini"))
                .get("vigil.genai.usage.estimated"))).isEqualTo("true");
    }

    @Test
    void aStreamBrokenMidwayRecordsItsErrorTypeAndTheUsageSeenSoFar() throws Exception {
        loopback.server.streamUsage(false).breakStreamAfter(2);

        Collector collector = stream(0);

        assertThat(collector.end.get()).isInstanceOf(Throwable.class);
        assertThat(collector.chunks).containsExactly("Vigil", " records");
        String scrape = loopback.scrape();
        List<String> failed = series(scrape, "gen_ai_client_operation_duration_seconds_count", CHAT, "error_type=\"");
        assertThat(failed).hasSize(1).allMatch(l -> l.endsWith(" 1"));
        assertThat(value(scrape, "gen_ai_client_operation_time_to_first_chunk_seconds_count", CHAT)).isEqualTo(1.0);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"output\"", ESTIMATED))
                .isGreaterThan(0.0);
    }

    @Test
    void aStreamTheApplicationCancelsIsRecordedAsCancelledWhenCancelled() throws Exception {
        loopback.server.streamUsage(false);

        Collector collector = stream(1);

        assertThat(collector.chunks).first().isEqualTo("Vigil");
        String scrape = loopback.scrape();
        assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", CHAT, "error_type=\"cancelled\""))
                .isEqualTo(1.0);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"output\"", ESTIMATED))
                .isGreaterThan(0.0);
    }

    @Test
    void aRateLimitedStreamIsErrorType429() throws Exception {
        loopback.server.failNext(429, 1);

        Collector collector = stream(0);

        assertThat(collector.end.get()).isInstanceOf(RateLimitException.class);
        String scrape = loopback.scrape();
        assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", CHAT, OPENAI, "error_type=\"429\""))
                .isEqualTo(1.0);
        assertThat(series(scrape, "gen_ai_client_token_usage_count")).isEmpty();
    }
}
