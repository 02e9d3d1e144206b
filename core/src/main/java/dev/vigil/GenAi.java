package dev.vigil;

import dev.vigil.context.ContextKey;
import dev.vigil.conventions.GenAiConventions;
import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.ConventionMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generative AI observability after the OpenTelemetry GenAI conventions, from {@link Vigil#genAi()}: token usage,
 * durations and time to first chunk as histograms with the advised buckets, a {@code CLIENT} span per call, and
 * Vigil's cost, daily budget, fallback, response cache and pipeline metrics. See {@code docs/genai.md}.
 *
 * <pre>{@code
 * try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini")
 *         .serverAddress("api.openai.com").feature("support-bot").start()) {
 *     call.chunk();                                         // each streamed chunk
 *     call.responseModel("gpt-4o-mini-2024-07-18").finishReason("stop");
 *     call.usage(1200, 350, 1000, 0);                       // input, output, cache-read input, reasoning output
 * }
 * vigil.genAi().fallback("openai", "anthropic", "rate_limited");
 * vigil.genAi().responseCache("answers").hit();
 * try (Observation rag = vigil.genAi().pipeline("rag").start()) {
 *     ... // embeddings, retrieval, rerank and chat calls made here are the pipeline's stages
 * }
 * }</pre>
 *
 * <p>Recording never throws: bad input is a no-op or a placeholder value with a rate-limited warning.
 */
public final class GenAi {
    /** The pipeline a call runs in, so that its stage is timed under the pipeline's name. */
    static final ContextKey<String> PIPELINE = ContextKey.named("vigil.genai.pipeline");
    /** Response caches beyond this many names get a fresh instance per call, so a name per user cannot grow the map. */
    private static final int MAX_CACHES = 256;
    private static final Map<String, String> PROVIDERS = providers();

    private final Vigil vigil;
    private final GenAiSettings settings;
    private final GenAiBudget budget;
    /** Today's spend whether or not a budget is set, for the status page; its "budget" of 1 is never read. */
    private final GenAiBudget today;
    private final Map<String, GenAiResponseCache> caches = new ConcurrentHashMap<>();

    GenAi(Vigil vigil, GenAiSettings settings) {
        this.vigil = vigil;
        this.settings = settings;
        this.budget = settings.dailyBudgetUsd() > 0 ? new GenAiBudget(settings.dailyBudgetUsd(), settings.clock()) : null;
        this.today = new GenAiBudget(1, settings.clock());
        if (budget != null) {
            ConventionMetrics.gauge(vigil, GenAiConventions.BUDGET_USED_RATIO, budget);
        }
    }

    /**
     * Describes a chat completion: a {@code CLIENT} span {@code chat <model>} and the GenAI client metrics.
     *
     * @param provider the provider, normalised by {@link #providerName(String)}: {@code openai}, {@code anthropic}, ...
     * @param requestModel the model asked for, {@code gen_ai.request.model}
     * @return the call to start
     */
    public GenAiCallBuilder chat(String provider, String requestModel) {
        return operation("chat", provider, requestModel);
    }

    /**
     * Describes an embeddings call: a span {@code embeddings <model>}; only input tokens are recorded.
     *
     * @param provider the provider
     * @param requestModel the embedding model
     * @return the call to start
     */
    public GenAiCallBuilder embeddings(String provider, String requestModel) {
        return operation("embeddings", provider, requestModel);
    }

    /**
     * Describes a search of a vector store or index: a span {@code retrieval <dataSourceId>} with
     * {@code gen_ai.data_source.id}; give the number of documents found with {@link GenAiCall#documents(int)}.
     *
     * @param provider the store, for example {@code qdrant} or {@code pgvector}
     * @param dataSourceId the index or collection searched, low-cardinality
     * @return the call to start
     */
    public GenAiCallBuilder retrieval(String provider, String dataSourceId) {
        return new GenAiCallBuilder(this, "retrieval", providerName(provider), null, text(dataSourceId, "data source"));
    }

    /**
     * Describes reranking documents with a model: a span {@code rerank <model>} (Vigil's operation name, as
     * OpenTelemetry defines none).
     *
     * @param provider the provider, for example {@code cohere}
     * @param requestModel the rerank model
     * @return the call to start
     */
    public GenAiCallBuilder rerank(String provider, String requestModel) {
        return operation("rerank", provider, requestModel);
    }

    /**
     * Describes an operation of any other {@code gen_ai.operation.name}, such as {@code generate_content} or
     * {@code text_completion}.
     *
     * @param operationName the operation's name
     * @param provider the provider
     * @param requestModel the model asked for
     * @return the call to start
     */
    public GenAiCallBuilder operation(String operationName, String provider, String requestModel) {
        return new GenAiCallBuilder(this, text(operationName, "operation"), providerName(provider),
                text(requestModel, "model"), null);
    }

    /**
     * Counts a fallback: {@code gen_ai.fallbacks{from, to, reason}}.
     *
     * @param from the provider (or model) that failed or was skipped
     * @param to the provider (or model) that took over
     * @param reason a low-cardinality reason such as {@code rate_limited}, {@code timeout} or {@code error}
     */
    public void fallback(String from, String to, String reason) {
        ConventionMetrics.record(vigil, GenAiConventions.FALLBACKS, 1, "from", providerName(from),
                "to", providerName(to), "reason", text(reason, "fallback reason"));
    }

    /**
     * The lookups of one cache of model responses: {@code gen_ai.response_cache.requests{cache.name, cache.result}}.
     *
     * @param name the cache's name
     * @return the cache, one instance per name
     */
    public GenAiResponseCache responseCache(String name) {
        String n = text(name, "response cache");
        GenAiResponseCache c = caches.get(n);
        if (c != null) {
            return c;
        }
        return caches.size() >= MAX_CACHES ? new GenAiResponseCache(vigil, n)
                : caches.computeIfAbsent(n, k -> new GenAiResponseCache(vigil, k));
    }

    /**
     * Describes a pipeline, such as retrieval-augmented generation: an {@code INTERNAL} span {@code pipeline <name>}
     * and {@code gen_ai.pipeline.duration}. Calls started while it is current are its stages (embeddings, retrieval,
     * rerank, generation), children of its span, each timed in {@code gen_ai.pipeline.stage.duration}.
     *
     * @param name the pipeline's name, low-cardinality
     * @return the pipeline to start
     */
    public GenAiPipeline pipeline(String name) {
        return new GenAiPipeline(vigil, text(name, "pipeline"));
    }

    /**
     * Maps a provider name as client libraries spell it to the value of {@code gen_ai.provider.name}:
     * {@code OPEN_AI} and {@code OpenAI} are {@code openai}, {@code AZURE_OPEN_AI} is {@code azure.ai.openai},
     * {@code GOOGLE_VERTEX_AI_GEMINI} is {@code gcp.vertex_ai}, {@code AMAZON_BEDROCK} is {@code aws.bedrock}; a name
     * it does not know is returned in lower case, and null or blank is {@code _OTHER}.
     *
     * <pre>{@code GenAi.providerName("OPEN_AI")   // "openai"}</pre>
     *
     * @param provider a provider name in any spelling
     * @return the spec's value
     */
    public static String providerName(String provider) {
        if (provider == null || provider.isBlank()) {
            return "_OTHER";
        }
        StringBuilder key = new StringBuilder(provider.length());
        for (int i = 0; i < provider.length(); i++) {
            char c = Character.toLowerCase(provider.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                key.append(c);
            }
        }
        String known = PROVIDERS.get(key.toString());
        return known != null ? known : provider.trim().toLowerCase(Locale.ROOT);
    }

    Vigil vigil() {
        return vigil;
    }

    GenAiSettings settings() {
        return settings;
    }

    /** @return today's spend, kept whether or not a daily budget is set */
    GenAiBudget today() {
        return today;
    }

    /** @return the budget, or null when no daily budget is set */
    GenAiBudget budget() {
        return budget;
    }

    static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            ApiWarnings.warn("invalid-genai", "a GenAI " + what + " must not be null or blank; using 'unknown'");
            return "unknown";
        }
        return value;
    }

    private static Map<String, String> providers() {
        Map<String, String> m = new ConcurrentHashMap<>();
        put(m, "openai", "openai");
        put(m, "azure.ai.openai", "azureopenai", "azureopenaiservice", "azureaiopenai");
        put(m, "azure.ai.inference", "azureaiinference", "azureai");
        put(m, "anthropic", "anthropic", "claude");
        put(m, "gcp.vertex_ai", "googlevertexaigemini", "vertexai", "googlevertexai", "gcpvertexai", "vertexaigemini");
        put(m, "gcp.gemini", "googleaigemini", "gemini", "googleai", "gcpgemini");
        put(m, "gcp.gen_ai", "gcpgenai", "googlegenai");
        put(m, "aws.bedrock", "amazonbedrock", "bedrock", "awsbedrock");
        put(m, "ollama", "ollama");
        put(m, "mistral_ai", "mistralai", "mistral");
        put(m, "cohere", "cohere");
        put(m, "deepseek", "deepseek");
        put(m, "groq", "groq");
        put(m, "ibm.watsonx.ai", "watsonx", "ibmwatsonx", "ibmwatsonxai", "watsonxai");
        put(m, "perplexity", "perplexity");
        put(m, "x_ai", "xai", "grok");
        put(m, "hugging_face", "huggingface");
        return Map.copyOf(m);
    }

    private static void put(Map<String, String> m, String value, String... spellings) {
        for (String s : spellings) {
            m.put(s, value);
        }
    }
}
