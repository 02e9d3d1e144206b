package dev.vigil;

import dev.vigil.internal.Json;

/**
 * Prompt and completion capture, off by default ({@code vigil.genai.capture-content}): when on, the text is
 * redacted by the installed policy first (so a secret is never cut in half and let through), then truncated to
 * {@code vigil.genai.capture-content.max-length} characters, and put on the span in the message shape of the
 * GenAI conventions, as {@code gen_ai.input.messages} and {@code gen_ai.output.messages}.
 */
final class GenAiContent {
    static final String TRUNCATED = "...[truncated]";

    private GenAiContent() {
    }

    static void input(GenAi genAi, Observation span, String text) {
        if (genAi.settings().captureContent()) {
            span.attribute("gen_ai.input.messages", message("user", bounded(genAi, text), null));
        }
    }

    static void output(GenAi genAi, Observation span, String text, String finishReason) {
        if (genAi.settings().captureContent()) {
            span.attribute("gen_ai.output.messages", message("assistant", bounded(genAi, text), finishReason));
        }
    }

    static String bounded(GenAi genAi, String text) {
        String safe = genAi.vigil().redaction().redact(text);
        int max = genAi.settings().contentMaxLength();
        if (safe.length() <= max) {
            return safe;
        }
        int end = Character.isHighSurrogate(safe.charAt(max - 1)) ? max - 1 : max; // never half a character
        return safe.substring(0, end) + TRUNCATED;
    }

    private static String message(String role, String content, String finishReason) {
        StringBuilder b = new StringBuilder(content.length() + 80).append("[{\"role\":");
        Json.string(b, role).append(",\"parts\":[{\"type\":\"text\",\"content\":");
        Json.string(b, content).append("}]");
        if (finishReason != null) {
            Json.string(b.append(",\"finish_reason\":"), finishReason);
        }
        return b.append("}]").toString();
    }
}
