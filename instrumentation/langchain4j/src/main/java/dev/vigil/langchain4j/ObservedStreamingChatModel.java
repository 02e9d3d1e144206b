package dev.vigil.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.vigil.GenAiCall;
import dev.vigil.Vigil;
import java.util.List;
import java.util.Set;

/**
 * A streaming chat model that records each call with its chunks: the delegate streams as before, through a handler
 * that marks every chunk on the call before passing it on. The delegate's own listeners still run, inside it.
 */
final class ObservedStreamingChatModel implements StreamingChatModel {
    private final Vigil vigil;
    private final StreamingChatModel delegate;
    private final ModelServer server;

    ObservedStreamingChatModel(Vigil vigil, StreamingChatModel delegate, ModelServer server) {
        this.vigil = vigil;
        this.delegate = delegate;
        this.server = server;
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        ChatRequestOptions effective = options == null ? ChatRequestOptions.EMPTY : options;
        StreamRecorder recorder = start(request, effective, handler);
        try {
            delegate.chat(request, effective, recorder);
        } catch (RuntimeException | Error e) {
            recorder.failed(e);
            throw e;
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        StreamRecorder recorder = start(request, ChatRequestOptions.EMPTY, handler);
        try {
            delegate.doChat(request, recorder);
        } catch (RuntimeException | Error e) {
            recorder.failed(e);
            throw e;
        }
    }

    private StreamRecorder start(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        GenAiCall call = null;
        try {
            call = ChatRecording.startChat(vigil, delegate.provider(), withDefaults(request), server,
                    options.listenerAttributes());
        } catch (RuntimeException | LinkageError e) {
            Warning.of("a streamed chat request", e);
        }
        return new StreamRecorder(call, handler);
    }

    /** The request as the delegate will send it, so that the model name is the default one when none is given. */
    private ChatRequest withDefaults(ChatRequest request) {
        ChatRequestParameters defaults = delegate.defaultRequestParameters();
        if (defaults == null || request.parameters() == null) {
            return request;
        }
        return ChatRequest.builder().messages(request.messages())
                .parameters(defaults.overrideWith(request.parameters())).build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "Observed" + delegate;
    }
}
