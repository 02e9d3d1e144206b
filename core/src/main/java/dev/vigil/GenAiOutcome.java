package dev.vigil;

import dev.vigil.conventions.GenAiConventions;
import dev.vigil.internal.ConventionMetrics;
import java.util.List;

/**
 * What a closed {@link GenAiCall} records, taken under its lock and recorded outside it: the span's usage
 * attributes, then the duration, chunk timings, token usage, cost, budget and pipeline stage, all with the same
 * {@code error.type}.
 */
final class GenAiOutcome {
    private final GenAiCall call;
    private final String[] kv;
    private final long input;
    private final long output;
    private final long cacheRead;
    private final long reasoning;
    private final boolean estimated;
    private final long firstChunkNanos;
    private final long[] gaps;
    private final List<String> finishReasons;

    private GenAiOutcome(GenAiCall call, long input, long output, boolean estimated, GenAiChunks chunks) {
        this.call = call;
        this.kv = tags(call);
        this.input = input;
        this.output = output;
        this.cacheRead = call.reported.cacheReadTokens;
        this.reasoning = call.reported.reasoningTokens;
        this.estimated = estimated;
        this.firstChunkNanos = chunks.firstNanos();
        this.gaps = chunks.takeGaps();
        this.finishReasons = List.copyOf(call.reported.finishReasons);
    }

    /** With the call's lock held. Estimates usage for a stream that reported none (see {@link GenAiCall}). */
    static GenAiOutcome of(GenAiCall call, GenAiChunks chunks) {
        long input = call.reported.inputTokens;
        long output = call.reported.outputTokens;
        boolean estimated = call.reported.estimated;
        if (input < 0 && output < 0 && chunks.count() > 0) {
            output = chunks.chars() > 0 ? quarter(chunks.chars()) : chunks.count();
            input = call.reported.promptChars >= 0 ? quarter(call.reported.promptChars) : -1;
            estimated = true;
        }
        return new GenAiOutcome(call, input, output, estimated, chunks);
    }

    private static long quarter(long chars) {
        return (chars + 3) / 4;
    }

    /** With the call's lock held: the attributes of every GenAI client metric; null values are left out. */
    static String[] tags(GenAiCall c) {
        return new String[] {"gen_ai.operation.name", c.operation, "gen_ai.provider.name", c.provider,
            "gen_ai.request.model", c.requestModel, "gen_ai.response.model", c.reported.responseModel,
            "server.address", c.serverAddress, "server.port", c.serverPort > 0 ? Integer.toString(c.serverPort) : null,
            "error.type", c.reported.errorType};
    }

    /** With the call's lock held, before the span ends. */
    void annotate(Observation span) {
        if (input >= 0) {
            span.attribute("gen_ai.usage.input_tokens", input);
        }
        if (output >= 0 && !embeddingsOnly()) {
            span.attribute("gen_ai.usage.output_tokens", output);
        }
        if (cacheRead >= 0) {
            span.attribute("gen_ai.usage.cache_read.input_tokens", cacheRead);
        }
        if (reasoning >= 0) {
            span.attribute("gen_ai.usage.reasoning.output_tokens", reasoning);
        }
        if (estimated) {
            span.attribute("vigil.genai.usage.estimated", "true");
        }
        if (!finishReasons.isEmpty()) {
            span.attribute("gen_ai.response.finish_reasons", finishReasons);
        }
    }

    /** Without the call's lock. Never throws: each recording is guarded by {@link ConventionMetrics}. */
    void record(long nanos) {
        Vigil vigil = call.genAi.vigil();
        ConventionMetrics.recordNanos(vigil, GenAiConventions.CLIENT_OPERATION_DURATION, nanos, kv);
        if (firstChunkNanos >= 0) {
            ConventionMetrics.recordNanos(vigil, GenAiConventions.CLIENT_TIME_TO_FIRST_CHUNK, firstChunkNanos, kv);
            GenAiChunks.recordGaps(vigil, gaps, gaps.length, kv);
        }
        String flag = estimated ? "true" : null;
        if (input >= 0) {
            tokens("input", input, flag);
        }
        if (output >= 0 && !embeddingsOnly()) {
            tokens("output", output, flag);
        }
        if (input > 0 || output > 0) {
            GenAiCost.record(call, Math.max(0, input), embeddingsOnly() ? 0 : Math.max(0, output), cacheRead, flag);
        }
        if (call.pipeline != null) {
            ConventionMetrics.recordNanos(vigil, GenAiConventions.PIPELINE_STAGE_DURATION, nanos,
                    "gen_ai.pipeline.name", call.pipeline, "gen_ai.pipeline.stage", stage(call.operation),
                    "error.type", call.reported.errorType);
        }
    }

    private void tokens(String type, long count, String estimatedFlag) {
        String[] all = java.util.Arrays.copyOf(kv, kv.length + 4);
        all[kv.length] = "gen_ai.token.type";
        all[kv.length + 1] = type;
        all[kv.length + 2] = "vigil.genai.usage.estimated";
        all[kv.length + 3] = estimatedFlag;
        ConventionMetrics.record(call.genAi.vigil(), GenAiConventions.CLIENT_TOKEN_USAGE, count, all);
    }

    /** Embeddings and retrieval produce no output tokens: only their input is recorded. */
    private boolean embeddingsOnly() {
        return "embeddings".equals(call.operation) || "retrieval".equals(call.operation);
    }

    static String stage(String operation) {
        switch (operation) {
            case "embeddings":
            case "retrieval":
            case "rerank":
                return operation;
            case "chat":
            case "generate_content":
            case "text_completion":
                return "generation";
            default:
                return operation;
        }
    }
}
