package dev.vigil;

import dev.vigil.conventions.GenAiConventions;
import dev.vigil.internal.ConventionMetrics;

/**
 * The lookups of one cache of model responses (semantic or exact): {@code gen_ai.response_cache.requests} by
 * {@code cache.name} and {@code cache.result} ({@code hit|miss}). From {@link GenAi#responseCache(String)}, one
 * instance per name, cheap to call per lookup.
 *
 * <pre>{@code
 * String answer = cache.get(question);
 * if (answer != null) {
 *     vigil.genAi().responseCache("answers").hit();
 * } else {
 *     vigil.genAi().responseCache("answers").miss();
 * }
 * }</pre>
 */
public final class GenAiResponseCache {
    private final Vigil vigil;
    private final String name;

    GenAiResponseCache(Vigil vigil, String name) {
        this.vigil = vigil;
        this.name = name;
    }

    /** Counts a lookup that found a stored response, saving a model call. */
    public void hit() {
        ConventionMetrics.record(vigil, GenAiConventions.RESPONSE_CACHE_REQUESTS, 1, "cache.name", name,
                "cache.result", "hit");
    }

    /** Counts a lookup that found nothing, so the model is called. */
    public void miss() {
        ConventionMetrics.record(vigil, GenAiConventions.RESPONSE_CACHE_REQUESTS, 1, "cache.name", name,
                "cache.result", "miss");
    }

    /** @return the cache's name, the {@code cache.name} attribute */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "GenAiResponseCache{" + name + '}';
    }
}
