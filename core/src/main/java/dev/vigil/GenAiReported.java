package dev.vigil;

import dev.vigil.internal.ApiWarnings;
import java.util.ArrayList;
import java.util.List;

/**
 * What the caller has reported about one {@link GenAiCall} so far: the response model, the finish reasons, the
 * usage, the prompt's length, the error type, and whether an answer came. Read at close by {@link GenAiOutcome}
 * and {@link GenAiCost}. Guarded by the call's lock until the call is closed.
 */
final class GenAiReported {
    private static final int MAX_FINISH_REASONS = 16;

    String responseModel;
    final List<String> finishReasons = new ArrayList<>(2);
    long inputTokens = -1;
    long outputTokens = -1;
    long cacheReadTokens = -1;
    long reasoningTokens = -1;
    boolean estimated;
    long promptChars = -1;
    String errorType;
    /** A response id, documents or a completion was given: the call got an answer (see {@link GenAiCall#close()}). */
    boolean answered;

    /** Adds a finish reason, one per choice, bounded whatever a loop in the host does. */
    void finishReason(String reason) {
        if (reason != null && !reason.isBlank() && finishReasons.size() < MAX_FINISH_REASONS) {
            finishReasons.add(reason);
        }
    }

    /** @return the first finish reason, or null: the completion's, when captured */
    String firstFinishReason() {
        return finishReasons.isEmpty() ? null : finishReasons.get(0);
    }

    /** Replaces the usage; a negative reported (not estimated) count is ignored with a warning. */
    void usage(long input, long output, long cacheRead, long reasoning, boolean estimate) {
        if (!estimate && (input < 0 || output < 0)) {
            ApiWarnings.warn("invalid-genai", "usage of a GenAI call cannot be negative; it is ignored");
            return;
        }
        inputTokens = input;
        outputTokens = output;
        cacheReadTokens = cacheRead;
        reasoningTokens = reasoning;
        estimated = estimate;
    }

    /** Whether anything tells how the call went; without, its method's end may tell (see {@link GenAiCall}). */
    boolean hasOutcome(long chunkCount) {
        return errorType != null || answered || responseModel != null || !finishReasons.isEmpty() || inputTokens >= 0
                || outputTokens >= 0 || chunkCount > 0;
    }
}
