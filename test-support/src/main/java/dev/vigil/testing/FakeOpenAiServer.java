package dev.vigil.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible model server on 127.0.0.1, for tests and runnable examples that must not reach a real
 * provider. It serves {@code POST /v1/chat/completions} (plain JSON with {@code usage}, or with {@code "stream": true}
 * server-sent events: one {@code data: {...}} chunk per word, a usage chunk when the request asks for it through
 * {@code stream_options.include_usage} and {@link #streamUsage(boolean)} allows it, then {@code data: [DONE]}) and
 * {@code POST /v1/embeddings} (a deterministic bag-of-words vector per input, so cosine similarity ranks texts that
 * share words higher). Errors on demand: {@link #failNext(int, int)} and {@link #failModel(String, int)}.
 *
 * <pre>{@code
 * try (FakeOpenAiServer server = new FakeOpenAiServer().content("Hello there").usage(12, 2)) {
 *     ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test").modelName("gpt-4o-mini")
 *             .maxRetries(0).build();
 *     model.chat("hi");                         // "Hello there"; server.requests() holds what was sent
 *     server.failNext(429, 1);                  // the next request gets 429 with an OpenAI error body
 * }
 * }</pre>
 *
 * <p>It depends on the JDK alone, so that a runnable example can ship it. Configuration may change between requests
 * from any thread; a request reads it once, when it arrives.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failingModels = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile String responseModel;
    private volatile String content = "Hello from the loopback model.";
    private volatile String finishReason = "stop";
    private volatile OpenAiWire.Usage usage = new OpenAiWire.Usage(10, 7, 0, 0);
    private volatile boolean streamUsage = true;
    private volatile int breakStreamAfter = -1;
    private volatile Duration chunkDelay = Duration.ZERO;
    private volatile int embeddingDimensions = 64;

    /**
     * Starts the server on an ephemeral loopback port.
     *
     * @throws IOException when no loopback port can be bound
     */
    public FakeOpenAiServer() throws IOException {
        this(0);
    }

    /**
     * Starts the server on a loopback port.
     *
     * @param port the port, 0 for an ephemeral one
     * @throws IOException when the port cannot be bound
     */
    public FakeOpenAiServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // A thread per exchange: a slow stream must not hold up the next request.
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-openai-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> serve(exchange, true));
        server.createContext("/v1/embeddings", exchange -> serve(exchange, false));
        server.start();
    }

    /** @return the base URL an OpenAI client wants, {@code http://127.0.0.1:<port>/v1} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * @param model the model the responses name; {@code null} (the default) echoes the request's model
     * @return this server
     */
    public FakeOpenAiServer responseModel(String model) {
        this.responseModel = model;
        return this;
    }

    /**
     * @param text the assistant's reply; a stream sends it one word (with its leading space) per chunk
     * @return this server
     */
    public FakeOpenAiServer content(String text) {
        this.content = text;
        return this;
    }

    /**
     * @param reason the finish reason of chat responses, {@code stop} by default
     * @return this server
     */
    public FakeOpenAiServer finishReason(String reason) {
        this.finishReason = reason;
        return this;
    }

    /**
     * @param promptTokens the chat responses' {@code usage.prompt_tokens}
     * @param completionTokens their {@code usage.completion_tokens}
     * @return this server
     */
    public FakeOpenAiServer usage(int promptTokens, int completionTokens) {
        return usage(promptTokens, completionTokens, 0, 0);
    }

    /**
     * @param promptTokens the chat responses' {@code usage.prompt_tokens}
     * @param completionTokens their {@code usage.completion_tokens}
     * @param cachedTokens their {@code usage.prompt_tokens_details.cached_tokens}
     * @param reasoningTokens their {@code usage.completion_tokens_details.reasoning_tokens}
     * @return this server
     */
    public FakeOpenAiServer usage(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) {
        this.usage = new OpenAiWire.Usage(promptTokens, completionTokens, cachedTokens, reasoningTokens);
        return this;
    }

    /**
     * @param send whether a stream that asks for usage gets its usage chunk ({@code true} by default); {@code false}
     *     behaves like a provider that ignores {@code stream_options}
     * @return this server
     */
    public FakeOpenAiServer streamUsage(boolean send) {
        this.streamUsage = send;
        return this;
    }

    /**
     * @param chunks after this many content chunks a stream sends a malformed event and ends, without a finish
     *     reason, usage or {@code [DONE]}; negative (the default) never
     * @return this server
     */
    public FakeOpenAiServer breakStreamAfter(int chunks) {
        this.breakStreamAfter = chunks;
        return this;
    }

    /**
     * @param delay the pause before each stream chunk, zero by default
     * @return this server
     */
    public FakeOpenAiServer chunkDelay(Duration delay) {
        this.chunkDelay = delay;
        return this;
    }

    /**
     * @param dimensions the length of embedding vectors, 64 by default
     * @return this server
     */
    public FakeOpenAiServer embeddingDimensions(int dimensions) {
        this.embeddingDimensions = dimensions;
        return this;
    }

    /**
     * Fails the next requests, whatever their path, with an OpenAI error body.
     *
     * @param status the HTTP status, for example 429 or 500
     * @param count how many requests fail
     * @return this server
     */
    public FakeOpenAiServer failNext(int status, int count) {
        this.failureStatus = status;
        this.failuresLeft.set(count);
        return this;
    }

    /**
     * Fails every request for one model, until {@link #failModel(String, int)} with status 0 clears it.
     *
     * @param model the request model that fails
     * @param status the HTTP status, 0 to stop failing
     * @return this server
     */
    public FakeOpenAiServer failModel(String model, int status) {
        if (status == 0) {
            failingModels.remove(model);
        } else {
            failingModels.put(model, status);
        }
        return this;
    }

    /** @return every request received, in arrival order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * One request as the server understood it.
     *
     * @param path the request path
     * @param model the request's {@code model}, or {@code null}
     * @param stream whether it asked for a stream
     * @param includeUsage whether it asked for a usage chunk ({@code stream_options.include_usage})
     * @param inputs the embedding inputs, empty for chat
     * @param body the raw body
     */
    public record Request(String path, String model, boolean stream, boolean includeUsage, List<String> inputs,
                          String body) {
    }

    private void serve(HttpExchange exchange, boolean chat) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, OpenAiWire.error(405));
                return;
            }
            Request request = OpenAiWire.parse(exchange.getRequestURI().getPath(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            int status = failureFor(request.model());
            if (status != 0) {
                send(exchange, status, OpenAiWire.error(status));
            } else if (!chat) {
                send(exchange, 200, OpenAiWire.embeddings(model(request), request.inputs(), embeddingDimensions));
            } else if (request.stream()) {
                stream(exchange, request);
            } else {
                send(exchange, 200, OpenAiWire.completion(model(request), content, finishReason, usage));
            }
        } catch (RuntimeException e) {
            send(exchange, 400, OpenAiWire.error(400));
        } finally {
            exchange.close();
        }
    }

    private int failureFor(String model) {
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return failureStatus;
        }
        return model == null ? 0 : failingModels.getOrDefault(model, 0);
    }

    private String model(Request request) {
        String configured = responseModel;
        return configured != null ? configured : request.model();
    }

    private void stream(HttpExchange exchange, Request request) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        String model = model(request);
        List<String> words = OpenAiWire.words(content);
        int breakAfter = breakStreamAfter;
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < words.size(); i++) {
                if (i == breakAfter) {
                    event(out, "{\"choices\": [ {\"delta\"");
                    return;
                }
                pause();
                String reason = i == words.size() - 1 ? finishReason : null;
                event(out, OpenAiWire.chunk(model, i == 0, words.get(i), reason));
            }
            if (request.includeUsage() && streamUsage) {
                event(out, OpenAiWire.usageChunk(model, usage));
            }
            event(out, "[DONE]");
        }
    }

    private void pause() {
        Duration delay = chunkDelay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
