package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import dev.vigil.conventions.MetricConvention.Origin;
import dev.vigil.conventions.MetricConvention.Stability;
import java.util.List;

/**
 * The generative AI conventions: OpenTelemetry's GenAI client metrics with their advised buckets, and Vigil's own
 * cost, budget, fallback, response cache and pipeline metrics, named in the same style.
 */
public final class GenAiConventions {
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
        4194304, 16777216, 67108864};
    private static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
        10.24, 20.48, 40.96, 81.92};

    /** Billable tokens of one call, by {@code gen_ai.token.type} ({@code input} or {@code output}). */
    public static final MetricConvention CLIENT_TOKEN_USAGE =
            MetricConvention.builder("gen_ai.client.token.usage", Instrument.HISTOGRAM, "{token}")
                    .description("Number of input and output tokens used.")
                    .required("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.token.type")
                    .conditional("gen_ai.request.model", "server.port", "vigil.genai.usage.estimated")
                    .recommended("gen_ai.response.model", "server.address")
                    .buckets(TOKEN_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Duration of one call, failed or not. */
    public static final MetricConvention CLIENT_OPERATION_DURATION =
            MetricConvention.builder("gen_ai.client.operation.duration", Instrument.HISTOGRAM, "s")
                    .description("GenAI operation duration.")
                    .required("gen_ai.operation.name", "gen_ai.provider.name")
                    .conditional("error.type", "gen_ai.request.model", "server.port")
                    .recommended("gen_ai.response.model", "server.address")
                    .buckets(DURATION_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Time from the request to the first chunk of a stream. */
    public static final MetricConvention CLIENT_TIME_TO_FIRST_CHUNK =
            MetricConvention.builder("gen_ai.client.operation.time_to_first_chunk", Instrument.HISTOGRAM, "s")
                    .description("Time to receive the first chunk in a streaming operation.")
                    .required("gen_ai.operation.name", "gen_ai.provider.name")
                    .conditional("error.type", "gen_ai.request.model", "server.port")
                    .recommended("gen_ai.response.model", "server.address")
                    .buckets(DURATION_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Time between two consecutive chunks of a stream, for each chunk after the first. */
    public static final MetricConvention CLIENT_TIME_PER_OUTPUT_CHUNK =
            MetricConvention.builder("gen_ai.client.operation.time_per_output_chunk", Instrument.HISTOGRAM, "s")
                    .description("Time per output chunk, for each chunk received after the first one.")
                    .required("gen_ai.operation.name", "gen_ai.provider.name")
                    .conditional("error.type", "gen_ai.request.model", "server.port")
                    .recommended("gen_ai.response.model", "server.address")
                    .buckets(DURATION_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY).build();
    /** Vigil's: what calls cost, from the price table, in US dollars. */
    public static final MetricConvention CLIENT_COST =
            MetricConvention.builder("gen_ai.client.cost", Instrument.COUNTER, "usd")
                    .description("Cost of GenAI calls in US dollars, computed from the configured prices.")
                    .required("gen_ai.operation.name", "gen_ai.provider.name")
                    .conditional("gen_ai.request.model", "gen_ai.response.model", "feature",
                            "vigil.genai.usage.estimated")
                    .build();
    /** Vigil's: calls whose model has no price, so they cost nothing in {@link #CLIENT_COST}. */
    public static final MetricConvention UNPRICED =
            MetricConvention.builder("vigil.genai.unpriced", Instrument.COUNTER, "{call}")
                    .description("GenAI calls with token usage but no configured price for their model.")
                    .required("gen_ai.provider.name")
                    .conditional("gen_ai.request.model", "gen_ai.response.model")
                    .build();
    /** Vigil's: today's (UTC) spend over the daily budget. */
    public static final MetricConvention BUDGET_USED_RATIO =
            MetricConvention.builder("gen_ai.budget.used_ratio", Instrument.GAUGE, "1")
                    .description("GenAI spend of the current UTC day over the configured daily budget.")
                    .build();
    /** Vigil's: a fallback provider or model took over a call. */
    public static final MetricConvention FALLBACKS =
            MetricConvention.builder("gen_ai.fallbacks", Instrument.COUNTER, "{fallback}")
                    .description("Times a fallback GenAI provider took over, by the provider left, the one used and why.")
                    .required("from", "to", "reason")
                    .build();
    /** Vigil's: lookups in a cache of model responses, by result. */
    public static final MetricConvention RESPONSE_CACHE_REQUESTS =
            MetricConvention.builder("gen_ai.response_cache.requests", Instrument.COUNTER, "{request}")
                    .description("Lookups in a cache of GenAI responses, by cache and result (hit or miss).")
                    .required("cache.name", "cache.result")
                    .build();
    /** Vigil's: duration of a whole pipeline such as retrieval-augmented generation. */
    public static final MetricConvention PIPELINE_DURATION =
            MetricConvention.builder("gen_ai.pipeline.duration", Instrument.HISTOGRAM, "s")
                    .description("Duration of a GenAI pipeline, such as retrieval-augmented generation, end to end.")
                    .required("gen_ai.pipeline.name")
                    .conditional("error.type")
                    .buckets(DURATION_BUCKETS)
                    .build();
    /** Vigil's: duration of one stage of a pipeline; failed stages carry {@code error.type}. */
    public static final MetricConvention PIPELINE_STAGE_DURATION =
            MetricConvention.builder("gen_ai.pipeline.stage.duration", Instrument.HISTOGRAM, "s")
                    .description("Duration of one stage of a GenAI pipeline: embeddings, retrieval, rerank or generation.")
                    .required("gen_ai.pipeline.name", "gen_ai.pipeline.stage")
                    .conditional("error.type")
                    .buckets(DURATION_BUCKETS)
                    .build();

    private GenAiConventions() {
    }

    /** @return the GenAI conventions */
    public static List<MetricConvention> all() {
        return List.of(CLIENT_TOKEN_USAGE, CLIENT_OPERATION_DURATION, CLIENT_TIME_TO_FIRST_CHUNK,
                CLIENT_TIME_PER_OUTPUT_CHUNK, CLIENT_COST, UNPRICED, BUDGET_USED_RATIO, FALLBACKS,
                RESPONSE_CACHE_REQUESTS, PIPELINE_DURATION, PIPELINE_STAGE_DURATION);
    }
}
