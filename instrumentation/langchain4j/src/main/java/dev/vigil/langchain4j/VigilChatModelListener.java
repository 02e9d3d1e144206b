package dev.vigil.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.vigil.GenAiCall;
import dev.vigil.Vigil;

/**
 * Records each chat call of the model it listens to as a GenAI call. The call is started detached in
 * {@link #onRequest} and kept in the request's attributes until {@link #onResponse} or {@link #onError} closes it,
 * on whatever thread LangChain4j calls them.
 */
final class VigilChatModelListener implements ChatModelListener {
    /** The attribute holding the started call: an object of this class's own, so no other listener can collide. */
    private static final Object CALL = new Object();

    private final Vigil vigil;
    private final ModelServer server;

    VigilChatModelListener(Vigil vigil, ModelServer server) {
        this.vigil = vigil;
        this.server = server;
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        try {
            context.attributes().put(CALL, ChatRecording.startChat(vigil, context.modelProvider(),
                    context.chatRequest(), server, context.attributes()));
        } catch (RuntimeException | LinkageError e) {
            Warning.of("a chat request", e);
        }
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        GenAiCall call = take(context.attributes().remove(CALL));
        if (call == null) {
            return;
        }
        try (call) {
            ChatRecording.recordResponse(call, context.chatResponse());
        } catch (RuntimeException | LinkageError e) {
            Warning.of("a chat response", e);
        }
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        GenAiCall call = take(context.attributes().remove(CALL));
        if (call == null) {
            return;
        }
        try (call) {
            ChatRecording.recordError(call, context.error());
        } catch (RuntimeException | LinkageError e) {
            Warning.of("a chat failure", e);
        }
    }

    private static GenAiCall take(Object value) {
        return value instanceof GenAiCall call ? call : null;
    }
}
