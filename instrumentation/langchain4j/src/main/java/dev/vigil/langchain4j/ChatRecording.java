package dev.vigil.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.vigil.GenAi;
import dev.vigil.GenAiCall;
import dev.vigil.GenAiCallBuilder;
import dev.vigil.Vigil;
import java.util.Locale;
import java.util.Map;

/** What the listener and the wrappers share: how a LangChain4j request, response and failure become a GenAI call. */
final class ChatRecording {
    /** Causes followed to find an HTTP status, so that a cycle cannot loop. */
    private static final int MAX_CAUSES = 16;

    private ChatRecording() {
    }

    /** Starts a detached chat call: its response may arrive on another thread (a stream, an async client). */
    static GenAiCall startChat(Vigil vigil, ModelProvider provider, ChatRequest request, ModelServer server,
                               Map<Object, Object> attributes) {
        GenAiCallBuilder builder = vigil.genAi().chat(providerName(provider), request.modelName());
        Object feature = attributes == null ? null : attributes.get(VigilLangChain4j.FEATURE);
        if (feature instanceof String f) {
            builder.feature(f);
        }
        GenAiCall call = server.describe(builder).startDetached();
        recordPrompt(call, request);
        return call;
    }

    /**
     * @return the {@code gen_ai.provider.name} value of a LangChain4j provider: {@code OPEN_AI} is {@code openai};
     *     {@code OTHER}, LangChain4j's value for a model that does not say, is the spec's {@code _OTHER}
     */
    static String providerName(ModelProvider provider) {
        return GenAi.providerName(provider == null || provider == ModelProvider.OTHER ? null : provider.name());
    }

    /**
     * Records the response model, the finish reason and, when the provider reported it, the usage.
     *
     * @return whether the response carried usage
     */
    static boolean recordResponse(GenAiCall call, ChatResponse response) {
        if (response == null) {
            return false;
        }
        if (response.modelName() != null) {
            call.responseModel(response.modelName());
        }
        if (response.id() != null) {
            call.responseId(response.id());
        }
        if (response.finishReason() != null) {
            call.finishReason(finishReason(response.finishReason()));
        }
        if (response.aiMessage() != null && response.aiMessage().text() != null) {
            call.completion(response.aiMessage().text());
        }
        TokenUsage usage = response.tokenUsage();
        if (usage == null || usage.inputTokenCount() == null && usage.outputTokenCount() == null) {
            return false;
        }
        long[] details = OpenAiTokenDetails.of(usage);
        call.usage(OpenAiTokenDetails.count(usage.inputTokenCount()), OpenAiTokenDetails.count(usage.outputTokenCount()),
                details[0], details[1]);
        return true;
    }

    /** @return the spec's finish reason: OpenAI's spelling, which the conventions' examples use */
    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case TOOL_EXECUTION -> "tool_calls";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Records a failure with the conventions' {@code error.type}: the HTTP status code as a string when the provider
     * answered with one (LangChain4j keeps it in an {@link HttpException} among the causes), else the exception's
     * class name.
     */
    static void recordError(GenAiCall call, Throwable error) {
        if (error == null) {
            return;
        }
        call.error(error);
        int status = statusCode(error);
        if (status > 0) {
            call.errorType(Integer.toString(status));
        }
    }

    static int statusCode(Throwable error) {
        Throwable t = error;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return -1;
    }

    /**
     * Gives the call the request's text: core estimates input tokens from its length when the provider reports no
     * usage, and keeps it as content only when content capture is on.
     */
    static void recordPrompt(GenAiCall call, ChatRequest request) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : request.messages()) {
            String t = text(message);
            if (t != null) {
                text.append(text.length() == 0 ? "" : "\n").append(t);
            }
        }
        call.prompt(text.toString());
    }

    private static String text(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.hasSingleText() ? user.singleText() : String.valueOf(user.contents());
        }
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof AiMessage ai) {
            return ai.text();
        }
        if (message instanceof ToolExecutionResultMessage tool) {
            return tool.text();
        }
        return null;
    }
}
