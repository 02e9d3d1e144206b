package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeOpenAiServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void chatAnswersWithContentUsageAndTheConfiguredModel() throws Exception {
        server.content("Hi \"there\"").usage(12, 3, 4, 1).responseModel("gpt-4o-mini-2024-07-18");

        HttpResponse<String> r = post("/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"model\":\"gpt-4o-mini-2024-07-18\"", "\"content\":\"Hi \\\"there\\\"\"",
                "\"prompt_tokens\":12", "\"completion_tokens\":3", "\"cached_tokens\":4", "\"reasoning_tokens\":1",
                "\"finish_reason\":\"stop\"");
        assertThat(server.requests()).singleElement()
                .satisfies(q -> assertThat(q.model()).isEqualTo("gpt-4o-mini"))
                .satisfies(q -> assertThat(q.stream()).isFalse());
    }

    @Test
    void streamSendsAChunkPerWordThenUsageOnlyWhenAskedAndAllowed() throws Exception {
        server.content("one two three").usage(5, 3);
        String ask = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

        String withUsage = post("/chat/completions", ask).body();
        server.streamUsage(false);
        String withoutUsage = post("/chat/completions", ask).body();
        server.streamUsage(true);
        String notAsked = post("/chat/completions", "{\"model\":\"m\",\"stream\":true}").body();

        assertThat(List.of(withUsage.split("\n\n"))).hasSize(5).last().isEqualTo("data: [DONE]");
        assertThat(withUsage).contains("\"content\":\"one\"", "\"content\":\" two\"", "\"content\":\" three\"},\"finish_reason\":\"stop\"",
                "\"choices\":[],\"usage\":{\"prompt_tokens\":5");
        assertThat(withoutUsage.split("\n\n")).hasSize(4);
        assertThat(withoutUsage).doesNotContain("usage").endsWith("data: [DONE]\n\n");
        assertThat(notAsked).doesNotContain("usage");
        assertThat(server.requests()).extracting(FakeOpenAiServer.Request::includeUsage).containsExactly(true, true, false);
    }

    @Test
    void brokenStreamEndsWithoutDone() throws Exception {
        server.content("one two three").breakStreamAfter(1);

        String body = post("/chat/completions", "{\"model\":\"m\",\"stream\":true}").body();

        assertThat(body).contains("\"content\":\"one\"").doesNotContain("two", "[DONE]");
    }

    @Test
    void embeddingsAreDeterministicBagsOfWordsWithWordCountUsage() throws Exception {
        server.embeddingDimensions(8);

        String body = post("/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[\"Cats purr\",\"cats, purr!\",\"x\"]}").body();

        assertThat(body).contains("\"index\":2", "\"prompt_tokens\":5", "\"model\":\"text-embedding-3-small\"");
        String[] vectors = body.split("\"embedding\":\\[");
        assertThat(vectors[1].substring(0, vectors[1].indexOf(']')))
                .isEqualTo(vectors[2].substring(0, vectors[2].indexOf(']')));
        assertThat(server.requests().get(0).inputs()).containsExactly("Cats purr", "cats, purr!", "x");
    }

    @Test
    void failsOnDemandThenRecovers() throws Exception {
        server.failNext(429, 2).failModel("broken", 500);

        assertThat(post("/chat/completions", "{\"model\":\"m\"}").statusCode()).isEqualTo(429);
        assertThat(post("/embeddings", "{\"model\":\"m\",\"input\":\"a\"}").body()).contains("rate_limit_exceeded");
        assertThat(post("/chat/completions", "{\"model\":\"m\"}").statusCode()).isEqualTo(200);
        assertThat(post("/chat/completions", "{\"model\":\"broken\"}").statusCode()).isEqualTo(500);
        server.failModel("broken", 0);
        assertThat(post("/chat/completions", "{\"model\":\"broken\"}").statusCode()).isEqualTo(200);
    }
}
