package dev.vigil.langchain4j;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Reads the cached input and reasoning output tokens of OpenAI's token usage. The only class here that names an
 * OpenAI type: it is loaded only once a usage of that class was seen, so applications without
 * {@code langchain4j-open-ai} never need it.
 */
final class OpenAiTokenDetails {
    private static final String USAGE_CLASS = "dev.langchain4j.model.openai.OpenAiTokenUsage";

    private OpenAiTokenDetails() {
    }

    /**
     * @param usage any token usage
     * @return {cache-read input, reasoning output}, zeros when the usage is not OpenAI's or carries no details
     */
    static long[] of(TokenUsage usage) {
        if (usage == null || !USAGE_CLASS.equals(usage.getClass().getName())) {
            return new long[] {0, 0};
        }
        return read((OpenAiTokenUsage) usage);
    }

    private static long[] read(OpenAiTokenUsage usage) {
        long cached = usage.inputTokensDetails() == null ? 0 : count(usage.inputTokensDetails().cachedTokens());
        long reasoning = usage.outputTokensDetails() == null ? 0 : count(usage.outputTokensDetails().reasoningTokens());
        return new long[] {cached, reasoning};
    }

    static long count(Integer tokens) {
        return tokens == null || tokens < 0 ? 0 : tokens;
    }
}
