package dev.vigil.examples.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.Vigil;
import dev.vigil.testing.PrometheusConformance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the RAG service with its loopback model server, asks one question, and reads the scrape over HTTP. */
class RagAppTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CHAT = "gen_ai_operation_name=\"chat\"";
    private static final String EMBEDDINGS = "gen_ai_operation_name=\"embeddings\"";
    private static RagApp app;

    @BeforeAll
    static void start() throws Exception {
        Vigil.resetGlobalForTest();
        app = RagApp.start(0, 0);
    }

    @AfterAll
    static void stop() {
        app.close();
        Vigil.resetGlobalForTest();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> series(String scrape, String metric, String... fragments) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{"))
                .filter(l -> List.of(fragments).stream().allMatch(l::contains)).collect(Collectors.toList());
    }

    private static double value(String scrape, String metric, String... fragments) {
        List<String> found = series(scrape, metric, fragments);
        assertThat(found).as("one series %s %s in%n%s", metric, List.of(fragments), scrape).hasSize(1);
        return Double.parseDouble(found.get(0).substring(found.get(0).lastIndexOf(' ') + 1));
    }

    @Test
    void oneQuestionShowsTokensCostBudgetAndStageLatenciesOnTheScrape() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.servicePort() + "/ask"))
                .POST(HttpRequest.BodyPublishers.ofString("How does Vigil count tokens?")));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).startsWith("{\"answer\":\"Vigil records").contains("\"sources\":[\"tokens\"");
        String scrape = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort() + "/metrics")))
                .body();
        PrometheusConformance.assertConforms(scrape, "gen_ai.client.token.usage", "gen_ai.client.operation.duration",
                "gen_ai.client.cost", "gen_ai.budget.used_ratio", "gen_ai.pipeline.duration",
                "gen_ai.pipeline.stage.duration");

        // tokens: the answer as the model reported them; the embeddings of the five documents, then of the question
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"input\"",
                "gen_ai_provider_name=\"openai\"")).isEqualTo(RagApp.ANSWER_INPUT_TOKENS);
        assertThat(value(scrape, "gen_ai_client_token_usage_sum", CHAT, "gen_ai_token_type=\"output\""))
                .isEqualTo(RagApp.ANSWER_OUTPUT_TOKENS);
        assertThat(value(scrape, "gen_ai_client_token_usage_count", EMBEDDINGS, "gen_ai_token_type=\"input\""))
                .isEqualTo(2);
        double embeddingTokens = value(scrape, "gen_ai_client_token_usage_sum", EMBEDDINGS, "gen_ai_token_type=\"input\"");
        assertThat(embeddingTokens).isGreaterThan(0);

        // cost and budget: tokens times the prices, and the day's spend over the daily budget
        double chatCost = (RagApp.ANSWER_INPUT_TOKENS * RagApp.CHAT_INPUT_PRICE
                + RagApp.ANSWER_OUTPUT_TOKENS * RagApp.CHAT_OUTPUT_PRICE) / 1e6;
        double embeddingCost = embeddingTokens * RagApp.EMBEDDING_PRICE / 1e6;
        assertThat(value(scrape, "gen_ai_client_cost_usd_total", CHAT)).isCloseTo(chatCost, within(1e-12));
        assertThat(value(scrape, "gen_ai_client_cost_usd_total", EMBEDDINGS)).isCloseTo(embeddingCost, within(1e-12));
        Matcher budget = Pattern.compile("(?m)^gen_ai_budget_used_ratio(\\{[^}]*})? (\\S+)$").matcher(scrape);
        assertThat(budget.find()).as("the budget gauge in%n%s", scrape).isTrue();
        assertThat(Double.parseDouble(budget.group(2)))
                .isCloseTo((chatCost + embeddingCost) / RagApp.DAILY_BUDGET_USD, within(1e-9));

        // stage latencies: the pipeline once, each of its four stages once
        assertThat(value(scrape, "gen_ai_pipeline_duration_seconds_count", "gen_ai_pipeline_name=\"rag\"")).isEqualTo(1);
        for (String stage : List.of("embeddings", "retrieval", "rerank", "generation")) {
            assertThat(value(scrape, "gen_ai_pipeline_stage_duration_seconds_count", "gen_ai_pipeline_stage=\"" + stage + "\""))
                    .as("stage %s", stage).isEqualTo(1);
        }
    }
}
