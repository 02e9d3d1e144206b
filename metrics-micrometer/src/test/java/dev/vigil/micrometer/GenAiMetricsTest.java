package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.GenAiCall;
import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The GenAI conventions on a real Prometheus scrape: histograms and their buckets, token types, cost, budget. */
@SuppressWarnings("try") // calls opened for their effect
class GenAiMetricsTest {
    private static final List<String> TOKEN_BUCKETS = List.of("1.0", "4.0", "16.0", "64.0", "256.0", "1024.0",
            "4096.0", "16384.0", "65536.0", "262144.0", "1048576.0", "4194304.0", "1.6777216E7", "6.7108864E7", "+Inf");
    private static final List<String> DURATION_BUCKETS = List.of("0.01", "0.02", "0.04", "0.08", "0.16", "0.32",
            "0.64", "1.28", "2.56", "5.12", "10.24", "20.48", "40.96", "81.92", "+Inf");
    private static final String CHAT = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\","
            + "gen_ai_request_model=\"gpt-4o-mini\",gen_ai_response_model=\"gpt-4o-mini-2024-07-18\"";
    private static final String SERVER = "server_address=\"api.openai.com\"";

    private static String scrape(MicrometerMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrapeSource().scrape(null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Vigil vigil(MicrometerMetrics metrics) {
        return Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics)
                .genAiPrice("OPEN_AI", "gpt-4o-mini", 0.15, 0.60, 0.075).build();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aChatCallRecordsTokenHistogramsOfInputAndOutputAndItsDurationWithTheAdvisedBuckets() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = vigil(metrics)) {
            try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").serverAddress("api.openai.com")
                    .feature("support-bot").start()) {
                call.responseModel("gpt-4o-mini-2024-07-18").finishReason("stop");
                call.usage(1200, 350, 1000, 0);
            }
            String text = scrape(metrics);
            assertThat(text).contains("# TYPE gen_ai_client_token_usage histogram",
                    "# TYPE gen_ai_client_operation_duration_seconds histogram");
            assertThat(text).doesNotContain("gen_ai_client_token_usage_total", "token_type=\"total\"",
                    "gen_ai_system");
            assertThat(Scrapes.lines(text, "gen_ai_client_token_usage_count")).containsExactlyInAnyOrder(
                    "gen_ai_client_token_usage_count{" + CHAT + ",gen_ai_token_type=\"input\"," + SERVER + "} 1",
                    "gen_ai_client_token_usage_count{" + CHAT + ",gen_ai_token_type=\"output\"," + SERVER + "} 1");
            assertThat(value(text, "gen_ai_client_token_usage_sum{" + CHAT + ",gen_ai_token_type=\"input\"," + SERVER + "}"))
                    .isEqualTo(1200.0);
            assertThat(value(text, "gen_ai_client_token_usage_sum{" + CHAT + ",gen_ai_token_type=\"output\"," + SERVER + "}"))
                    .isEqualTo(350.0);
            assertThat(Scrapes.buckets(text, "gen_ai_client_token_usage_bucket", "gen_ai_token_type=\"input\""))
                    .containsExactlyElementsOf(TOKEN_BUCKETS);
            assertThat(Scrapes.buckets(text, "gen_ai_client_operation_duration_seconds_bucket", CHAT + "," + SERVER))
                    .containsExactlyElementsOf(DURATION_BUCKETS);
            assertThat(Scrapes.lines(text, "gen_ai_client_operation_time_to_first_chunk")).isEmpty();
        }
    }

    @Test
    void costIsTokensTimesPricesWithCacheReadsAtTheirOwnPriceToTheCent() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics)
                .genAiPrice("openai", "gpt-4o", 2.50, 10.00, 1.25).build()) {
            for (int i = 0; i < 100; i++) {
                try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o").feature("support-bot").start()) {
                    call.usage(120_000, 35_000, 100_000, 2_000);
                }
            }
            // per call: 20,000 input at 2.50 + 100,000 cache reads at 1.25 + 35,000 output at 10.00 per million
            double expected = 100 * (20_000 * 2.50 + 100_000 * 1.25 + 35_000 * 10.00) / 1e6;
            String text = scrape(metrics);
            assertThat(text).contains("# TYPE gen_ai_client_cost_usd_total counter");
            double cost = value(text, "gen_ai_client_cost_usd_total{feature=\"support-bot\",gen_ai_operation_name=\"chat\","
                    + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\"}");
            assertThat(expected).isEqualTo(52.5);
            assertThat(Math.round(cost * 100)).isEqualTo(5250);
            assertThat(Scrapes.lines(text, "vigil_genai_unpriced")).isEmpty();
        }
    }

    @Test
    void aModelWithoutPriceRecordsItsTokensAndIsCountedUnpricedWithoutCost() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = vigil(metrics)) {
            try (GenAiCall call = vigil.genAi().chat("anthropic", "claude-sonnet-4").start()) {
                call.usage(10, 20);
            }
            String text = scrape(metrics);
            assertThat(Scrapes.lines(text, "gen_ai_client_token_usage_count")).hasSize(2);
            assertThat(Scrapes.lines(text, "vigil_genai_unpriced_total")).containsExactly(
                    "vigil_genai_unpriced_total{gen_ai_provider_name=\"anthropic\","
                            + "gen_ai_request_model=\"claude-sonnet-4\"} 1.0");
            assertThat(Scrapes.lines(text, "gen_ai_client_cost")).isEmpty();
        }
    }

    @Test
    void aStreamRecordsTimeToFirstChunkAndPerChunkAndEstimatesUsageItWasNotGiven() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = vigil(metrics)) {
            try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
                call.prompt("sixteen chars!!!");
                call.chunk("Hello").chunk(" there").chunk("world");
            }
            String text = scrape(metrics);
            String tags = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o-mini\"";
            assertThat(Scrapes.lines(text, "gen_ai_client_operation_time_to_first_chunk_seconds_count"))
                    .containsExactly("gen_ai_client_operation_time_to_first_chunk_seconds_count{" + tags + "} 1");
            assertThat(Scrapes.lines(text, "gen_ai_client_operation_time_per_output_chunk_seconds_count"))
                    .containsExactly("gen_ai_client_operation_time_per_output_chunk_seconds_count{" + tags + "} 2");
            assertThat(Scrapes.buckets(text, "gen_ai_client_operation_time_to_first_chunk_seconds_bucket", tags))
                    .containsExactlyElementsOf(DURATION_BUCKETS);
            String estimated = tags + ",gen_ai_token_type=\"output\",vigil_genai_usage_estimated=\"true\"";
            // 16 characters of text in the chunks: 4 output tokens; 16 of prompt: 4 input tokens
            assertThat(value(text, "gen_ai_client_token_usage_sum{" + estimated + "}")).isEqualTo(4.0);
            assertThat(value(text, "gen_ai_client_token_usage_sum{" + tags
                    + ",gen_ai_token_type=\"input\",vigil_genai_usage_estimated=\"true\"}")).isEqualTo(4.0);
            assertThat(value(text, "gen_ai_client_cost_usd_total{" + tags + ",vigil_genai_usage_estimated=\"true\"}"))
                    .isPositive();
        }
    }

    @Test
    void aStreamFailedMidwayRecordsDurationErrorTypeAndTheChunksSeen() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = vigil(metrics)) {
            try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
                call.chunk().chunk();
                call.error(new java.io.UncheckedIOException(new IOException("reset")));
            }
            try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
                call.errorType("429");
            }
            String text = scrape(metrics);
            String failed = "error_type=\"java.io.UncheckedIOException\",gen_ai_operation_name=\"chat\","
                    + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o-mini\"";
            assertThat(Scrapes.lines(text, "gen_ai_client_operation_duration_seconds_count")).containsExactlyInAnyOrder(
                    "gen_ai_client_operation_duration_seconds_count{" + failed + "} 1",
                    "gen_ai_client_operation_duration_seconds_count{error_type=\"429\",gen_ai_operation_name=\"chat\","
                            + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o-mini\"} 1");
            assertThat(Scrapes.lines(text, "gen_ai_client_operation_time_to_first_chunk_seconds_count"))
                    .containsExactly("gen_ai_client_operation_time_to_first_chunk_seconds_count{" + failed + "} 1");
            assertThat(value(text, "gen_ai_client_token_usage_sum{" + failed
                    + ",gen_ai_token_type=\"output\",vigil_genai_usage_estimated=\"true\"}")).isEqualTo(2.0);
        }
    }

    @Test
    void theBudgetGaugeIsTodaysSpendOverTheDailyBudget() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics)
                .genAiPrice("openai", "gpt-4o-mini", 0.15, 0.60, 0.075).genAiDailyBudgetUsd(0.5).build()) {
            assertThat(scrape(metrics)).contains("# TYPE gen_ai_budget_used_ratio gauge", "gen_ai_budget_used_ratio 0.0");
            try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
                call.usage(1_000_000, 250_000);          // 0.15 + 0.15 = 0.30 USD
            }
            assertThat(value(scrape(metrics), "gen_ai_budget_used_ratio")).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        }
        MicrometerMetrics none = MicrometerMetrics.prometheus();
        try (Vigil vigil = vigil(none)) {
            assertThat(scrape(none)).doesNotContain("gen_ai_budget");
        }
    }

    @Test
    void fallbacksResponseCacheAndPipelineStagesAreCounted() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = vigil(metrics)) {
            vigil.genAi().fallback("OPEN_AI", "ANTHROPIC", "rate_limited");
            vigil.genAi().responseCache("answers").hit();
            vigil.genAi().responseCache("answers").hit();
            vigil.genAi().responseCache("answers").miss();
            try (Observation rag = vigil.genAi().pipeline("rag").start()) {
                try (GenAiCall e = vigil.genAi().embeddings("openai", "text-embedding-3-small").start()) {
                    e.usage(8, 0);
                }
                try (GenAiCall r = vigil.genAi().retrieval("qdrant", "docs-index").start()) {
                    r.documents(5);
                }
                try (GenAiCall c = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
                    c.error(new IllegalStateException("model down"));
                }
                rag.error(new IllegalStateException("no answer"));
            }
            String text = scrape(metrics);
            assertThat(text).contains(
                    "gen_ai_fallbacks_total{from=\"openai\",reason=\"rate_limited\",to=\"anthropic\"} 1.0",
                    "gen_ai_response_cache_requests_total{cache_name=\"answers\",cache_result=\"hit\"} 2.0",
                    "gen_ai_response_cache_requests_total{cache_name=\"answers\",cache_result=\"miss\"} 1.0",
                    "gen_ai_pipeline_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
                            + "gen_ai_pipeline_name=\"rag\"} 1",
                    "gen_ai_pipeline_stage_duration_seconds_count{gen_ai_pipeline_name=\"rag\","
                            + "gen_ai_pipeline_stage=\"embeddings\"} 1",
                    "gen_ai_pipeline_stage_duration_seconds_count{gen_ai_pipeline_name=\"rag\","
                            + "gen_ai_pipeline_stage=\"retrieval\"} 1",
                    "gen_ai_pipeline_stage_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
                            + "gen_ai_pipeline_name=\"rag\",gen_ai_pipeline_stage=\"generation\"} 1");
            // embeddings record input tokens only
            assertThat(Scrapes.lines(text, "gen_ai_client_token_usage_count")).containsExactly(
                    "gen_ai_client_token_usage_count{gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"openai\","
                            + "gen_ai_request_model=\"text-embedding-3-small\",gen_ai_token_type=\"input\"} 1");
        }
    }

    @Test
    void everyGenAiMetricConformsToItsConventionAndPromtoolFindsTheScrapeClean() throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).commonTags(false).metrics(metrics)
                .genAiPrice("openai", "gpt-4o-mini", 0.15, 0.60, 0.075).genAiDailyBudgetUsd(10).build()) {
            try (Observation rag = vigil.genAi().pipeline("rag").start()) {
                try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").serverAddress("api.openai.com")
                        .serverPort(443).feature("support-bot").start()) {
                    call.chunk("Hi").chunk(" there").responseModel("gpt-4o-mini-2024-07-18").usage(10, 2);
                }
                try (GenAiCall call = vigil.genAi().chat("anthropic", "claude-sonnet-4").start()) {
                    call.chunk().errorType("500");
                }
                try (GenAiCall r = vigil.genAi().retrieval("qdrant", "docs-index").start()) {
                    r.documents(3);
                }
            }
            vigil.genAi().fallback("anthropic", "openai", "error");
            vigil.genAi().responseCache("answers").miss();
            String text = scrape(metrics);
            PrometheusConformance.assertConforms(text, "gen_ai.client.token.usage", "gen_ai.client.operation.duration",
                    "gen_ai.client.operation.time_to_first_chunk", "gen_ai.client.operation.time_per_output_chunk",
                    "gen_ai.client.cost", "vigil.genai.unpriced", "gen_ai.budget.used_ratio", "gen_ai.fallbacks",
                    "gen_ai.response_cache.requests", "gen_ai.pipeline.duration", "gen_ai.pipeline.stage.duration");
            Promtool.assertClean(text);
        }
    }
}
