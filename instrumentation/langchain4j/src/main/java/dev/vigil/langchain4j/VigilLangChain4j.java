package dev.vigil.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.vigil.Vigil;
import java.util.Objects;

/**
 * Records LangChain4j models after the OpenTelemetry GenAI conventions, through {@link Vigil#genAi()}: a
 * {@code CLIENT} span {@code chat <model>} or {@code embeddings <model>} per call, the token usage and duration
 * histograms, time to first chunk and per chunk on streams, and Vigil's cost and budget. LangChain4j's provider
 * names map to the spec's values ({@code OPEN_AI} is {@code openai}); an HTTP error's status code is its
 * {@code error.type}.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder().baseUrl(url).apiKey(key).modelName("gpt-4o-mini")
 *         .listeners(List.of(VigilLangChain4j.listener(vigil, url))).build();
 * StreamingChatModel streaming = VigilLangChain4j.observe(vigil, OpenAiStreamingChatModel.builder()...build(), url);
 * EmbeddingModel embeddings = VigilLangChain4j.observe(vigil, OpenAiEmbeddingModel.builder()...build(), url);
 * }</pre>
 *
 * <p>Use the listener for a {@link ChatModel} and {@code observe} for a {@link StreamingChatModel}, not both on the
 * same streaming model: each records the whole call, so together they would count it twice. The base URL is the
 * one the model was built with: LangChain4j does not expose it, and without it {@code server.address} and
 * {@code server.port} are left out.
 */
public final class VigilLangChain4j {
    /**
     * The listener attribute that attributes a call's cost to a feature of the service: the {@code feature} tag of
     * {@code gen_ai.client.cost}. Pass it per request, with a handful of fixed values:
     * <pre>{@code
     * model.chat(request, ChatRequestOptions.builder().addListenerAttribute(VigilLangChain4j.FEATURE, "support-bot").build());
     * }</pre>
     *
     * @see ChatRequestOptions
     */
    public static final String FEATURE = "vigil.genai.feature";

    private VigilLangChain4j() {
    }

    /**
     * A listener that records every call of the chat model it is given to, with no code at the call site: provider,
     * request and response model, finish reason, usage (with OpenAI's cached input and reasoning output tokens) and,
     * on failure, {@code error.type}.
     *
     * @param vigil where to record
     * @return the listener, for the model builder's {@code listeners(...)}
     */
    public static ChatModelListener listener(Vigil vigil) {
        return listener(vigil, null);
    }

    /**
     * As {@link #listener(Vigil)}, with {@code server.address} and {@code server.port} read from the model's base URL.
     *
     * @param vigil where to record
     * @param baseUrl the model's base URL, for example {@code https://api.openai.com/v1}; null or not a URL leaves the
     *     server out
     * @return the listener
     */
    public static ChatModelListener listener(Vigil vigil, String baseUrl) {
        return new VigilChatModelListener(Objects.requireNonNull(vigil, "vigil"), ModelServer.of(baseUrl));
    }

    /**
     * Wraps a streaming chat model so that each call records what a listener cannot see: the time to the first chunk
     * and between chunks. Usage comes from the final response; when the provider sent none, it is estimated from the
     * prompt and the chunks and flagged {@code vigil.genai.usage.estimated="true"}. A stream that fails or that the
     * application cancels (through the handle its handler is given) still records its duration, {@code error.type}
     * ({@code cancelled} for a cancellation) and the usage seen so far.
     *
     * @param vigil where to record
     * @param model the model to wrap; its own listeners keep running
     * @return the wrapped model
     */
    public static StreamingChatModel observe(Vigil vigil, StreamingChatModel model) {
        return observe(vigil, model, null);
    }

    /**
     * As {@link #observe(Vigil, StreamingChatModel)}, with the server read from the model's base URL.
     *
     * @param vigil where to record
     * @param model the model to wrap
     * @param baseUrl the model's base URL, or null
     * @return the wrapped model
     */
    public static StreamingChatModel observe(Vigil vigil, StreamingChatModel model, String baseUrl) {
        return new ObservedStreamingChatModel(Objects.requireNonNull(vigil, "vigil"), Objects.requireNonNull(model, "model"),
                ModelServer.of(baseUrl));
    }

    /**
     * Wraps an embedding model so that each call is a GenAI {@code embeddings} call with its input tokens; inside a
     * {@code vigil.genAi().pipeline(...)} it is the pipeline's embeddings stage.
     *
     * @param vigil where to record
     * @param model the model to wrap
     * @return the wrapped model
     */
    public static EmbeddingModel observe(Vigil vigil, EmbeddingModel model) {
        return observe(vigil, model, null);
    }

    /**
     * As {@link #observe(Vigil, EmbeddingModel)}, with the server read from the model's base URL.
     *
     * @param vigil where to record
     * @param model the model to wrap
     * @param baseUrl the model's base URL, or null
     * @return the wrapped model
     */
    public static EmbeddingModel observe(Vigil vigil, EmbeddingModel model, String baseUrl) {
        return new ObservedEmbeddingModel(Objects.requireNonNull(vigil, "vigil"), Objects.requireNonNull(model, "model"),
                ModelServer.of(baseUrl));
    }
}
