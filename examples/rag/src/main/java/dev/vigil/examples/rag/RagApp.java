package dev.vigil.examples.rag;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.vigil.Vigil;
import dev.vigil.langchain4j.VigilLangChain4j;
import dev.vigil.testing.FakeOpenAiServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A retrieval-augmented question answering service with Vigil and LangChain4j: documents embedded with
 * {@code OpenAiEmbeddingModel}, searched in an in-memory vector index, and answered with {@code OpenAiChatModel}, all
 * against a loopback OpenAI-compatible model server the service starts itself, so it needs no key and sends nothing
 * out. Run it with the command in the README, then:
 * <pre>
 * curl -X POST --data-binary 'How does Vigil count tokens?' http://localhost:8081/ask
 * curl -s http://localhost:9465/metrics | grep -E '^(gen_ai|vigil_genai)_'
 * </pre>
 */
public final class RagApp implements AutoCloseable {
    /** USD per million tokens: input, output, cache-read input; list prices, for the example's cost. */
    static final double CHAT_INPUT_PRICE = 0.15;
    static final double CHAT_OUTPUT_PRICE = 0.60;
    static final double CHAT_CACHED_PRICE = 0.075;
    static final double EMBEDDING_PRICE = 0.02;
    /** A deliberately small daily budget, so that one question visibly moves {@code gen_ai_budget_used_ratio}. */
    static final double DAILY_BUDGET_USD = 0.01;
    /** What the loopback model reports for each answer, as OpenAI would: prompt and completion tokens. */
    static final int ANSWER_INPUT_TOKENS = 850;
    static final int ANSWER_OUTPUT_TOKENS = 45;

    private static final List<VectorIndex.Document> DOCUMENTS = List.of(
            new VectorIndex.Document("tokens", "Vigil records the tokens of every model call as a histogram of input "
                    + "and output tokens, never as a counter of totals."),
            new VectorIndex.Document("cost", "Vigil prices each model call from a price table of input, output and "
                    + "cached input tokens and counts the cost in US dollars."),
            new VectorIndex.Document("budget", "A daily budget in US dollars turns the day's spend into a ratio that "
                    + "alerts can watch; the day is UTC."),
            new VectorIndex.Document("streaming", "On a stream Vigil times the first chunk and each later chunk, and "
                    + "estimates usage when the provider reports none."),
            new VectorIndex.Document("metrics", "Vigil serves its Prometheus metrics on the management port."));

    private final Vigil vigil;
    private final FakeOpenAiServer models;
    private final HttpServer server;
    private final ExecutorService executor;

    private RagApp(Vigil vigil, FakeOpenAiServer models, HttpServer server, ExecutorService executor) {
        this.vigil = vigil;
        this.models = models;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Installs Vigil, starts the loopback model server, embeds the documents and starts the service.
     *
     * @param servicePort the service's port, 0 for a free one
     * @param managementPort Vigil's management port, 0 for a free one
     * @return the running app
     * @throws IOException when a port cannot be bound
     */
    public static RagApp start(int servicePort, int managementPort) throws IOException {
        Vigil vigil = Vigil.builder()
                .serviceName("rag")
                .serviceVersion("1.0.0")
                .environment("dev")
                .managementPort(managementPort)
                .genAiPrice("openai", "gpt-4o-mini", CHAT_INPUT_PRICE, CHAT_OUTPUT_PRICE, CHAT_CACHED_PRICE)
                .genAiPrice("openai", "text-embedding-3-small", EMBEDDING_PRICE, 0, 0)
                .genAiDailyBudgetUsd(DAILY_BUDGET_USD)
                .install();
        FakeOpenAiServer models = new FakeOpenAiServer()
                .responseModel("gpt-4o-mini-2024-07-18")
                .content("Vigil records input and output tokens per call as a histogram, and prices each call.")
                .usage(ANSWER_INPUT_TOKENS, ANSWER_OUTPUT_TOKENS);
        String url = models.baseUrl();
        EmbeddingModel embeddings = VigilLangChain4j.observe(vigil, OpenAiEmbeddingModel.builder().baseUrl(url)
                .apiKey("loopback").modelName("text-embedding-3-small").maxRetries(0).build(), url);
        ChatModel chat = OpenAiChatModel.builder().baseUrl(url).apiKey("loopback").modelName("gpt-4o-mini")
                .maxRetries(0).listeners(List.of(VigilLangChain4j.listener(vigil, url))).build();
        RagPipeline rag = new RagPipeline(vigil, embeddings, VectorIndex.build(embeddings, DOCUMENTS), chat);

        HttpServer server = HttpServer.create(new InetSocketAddress(servicePort), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/ask", vigil.http().serverHandler("/ask", ex -> ask(ex, rag)));
        server.start();
        return new RagApp(vigil, models, server, executor);
    }

    private static void ask(HttpExchange ex, RagPipeline rag) throws IOException {
        String question = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!"POST".equals(ex.getRequestMethod()) || question.isEmpty()) {
            respond(ex, 400, "{\"error\":\"POST a question as the body\"}");
            return;
        }
        try {
            RagPipeline.Answer answer = rag.answer(question);
            respond(ex, 200, "{\"answer\":" + json(answer.text()) + ",\"sources\":["
                    + answer.sources().stream().map(RagApp::json).collect(Collectors.joining(",")) + "]}");
        } catch (RuntimeException e) {
            respond(ex, 502, "{\"error\":" + json(e.getClass().getSimpleName()) + "}");
        }
    }

    private static String json(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + '"';
    }

    private static void respond(HttpExchange ex, int code, String json) throws IOException {
        byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** @return the service's bound port */
    public int servicePort() {
        return server.getAddress().getPort();
    }

    /** @return Vigil's bound management port */
    public int managementPort() {
        return vigil.managementPort();
    }

    /** @return the loopback model server's base URL */
    public String modelServerUrl() {
        return models.baseUrl();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        models.close();
        vigil.close();
    }

    /**
     * Starts the service on port 8081 (or {@code PORT}) with management on 9465 (or {@code VIGIL_MANAGEMENT_PORT}),
     * beside the quickstart's 8080 and 9464.
     *
     * @param args unused
     * @throws Exception when a port is taken
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8081"));
        int management = Integer.parseInt(System.getenv().getOrDefault("VIGIL_MANAGEMENT_PORT", "9465"));
        RagApp app = start(port, management);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("RAG service:     http://localhost:" + app.servicePort() + "/ask  (POST a question)");
        System.out.println("Model server:    " + app.modelServerUrl() + "  (loopback, OpenAI-compatible)");
        System.out.println("Vigil metrics:   http://localhost:" + app.managementPort() + "/metrics");
        System.out.println("Press Ctrl+C to stop.");
        Thread.currentThread().join();
    }
}
