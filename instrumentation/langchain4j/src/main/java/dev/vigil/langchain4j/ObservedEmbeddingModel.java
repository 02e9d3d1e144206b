package dev.vigil.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.vigil.GenAiCall;
import dev.vigil.Vigil;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An embedding model that records each call as a GenAI {@code embeddings} call with its input tokens. Every entry
 * point is one request to the provider, so each is wrapped once, around the delegate's own method.
 */
final class ObservedEmbeddingModel implements EmbeddingModel {
    private final Vigil vigil;
    private final EmbeddingModel delegate;
    private final ModelServer server;

    ObservedEmbeddingModel(Vigil vigil, EmbeddingModel delegate, ModelServer server) {
        this.vigil = vigil;
        this.delegate = delegate;
        this.server = server;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        String model = request.modelName() != null ? request.modelName() : delegate.modelName();
        return observe(model, () -> delegate.embed(request), EmbeddingResponse::tokenUsage);
    }

    @Override
    public Response<Embedding> embed(String text) {
        return observe(delegate.modelName(), () -> delegate.embed(text), Response::tokenUsage);
    }

    @Override
    public Response<Embedding> embed(TextSegment textSegment) {
        return observe(delegate.modelName(), () -> delegate.embed(textSegment), Response::tokenUsage);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
        return observe(delegate.modelName(), () -> delegate.embedAll(textSegments), Response::tokenUsage);
    }

    private <T> T observe(String model, Supplier<T> work, Function<T, TokenUsage> usage) {
        GenAiCall call = start(model);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            end(call, null, e);
            throw e;
        }
        end(call, result == null ? null : usage.apply(result), null);
        return result;
    }

    private GenAiCall start(String model) {
        try {
            return server.describe(vigil.genAi().embeddings(ChatRecording.providerName(delegate.provider()), model))
                    .start();
        } catch (RuntimeException | LinkageError e) {
            Warning.of("an embeddings request", e);
            return null;
        }
    }

    private static void end(GenAiCall call, TokenUsage usage, Throwable error) {
        if (call == null) {
            return;
        }
        try (call) {
            if (error != null) {
                ChatRecording.recordError(call, error);
            } else if (usage != null && usage.inputTokenCount() != null) {
                call.usage(OpenAiTokenDetails.count(usage.inputTokenCount()), 0);
            }
        } catch (RuntimeException | LinkageError e) {
            Warning.of("an embeddings response", e);
        }
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public List<EmbeddingModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public EmbeddingRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<EmbeddingParameter<?>> supportedParameters() {
        return delegate.supportedParameters();
    }

    @Override
    public String toString() {
        return "Observed" + delegate;
    }
}
