package dev.vigil;

import dev.vigil.context.Context;
import dev.vigil.context.Scope;

/**
 * Describes a GenAI pipeline before it starts, from {@link GenAi#pipeline(String)}: the observation times the whole
 * flow ({@code gen_ai.pipeline.duration}), and every {@link GenAiCall} started while it is current is one of its
 * stages, a child span timed in {@code gen_ai.pipeline.stage.duration} by stage: {@code embeddings},
 * {@code retrieval}, {@code rerank} and {@code generation} (chat and other completions).
 *
 * <pre>{@code
 * try (Observation rag = vigil.genAi().pipeline("rag").start()) {
 *     float[] query;
 *     try (GenAiCall e = vigil.genAi().embeddings("openai", "text-embedding-3-small").start()) { ... }
 *     try (GenAiCall r = vigil.genAi().retrieval("qdrant", "docs-index").start()) { ...; r.documents(5); }
 *     try (GenAiCall c = vigil.genAi().chat("openai", "gpt-4o-mini").start()) { ... }
 * }
 * }</pre>
 */
public final class GenAiPipeline {
    private final Vigil vigil;
    private final String name;

    GenAiPipeline(Vigil vigil, String name) {
        this.vigil = vigil;
        this.name = name;
    }

    /**
     * Starts the pipeline's span and makes it, and the pipeline's name, current on this thread until the
     * observation is closed, on this thread.
     *
     * @return the observation; close it when the pipeline has answered or failed
     */
    public Observation start() {
        Scope named = Context.current().with(GenAi.PIPELINE, name).makeCurrent();
        try {
            Observation span = vigil.observation("pipeline " + name).kind(SpanKind.INTERNAL)
                    .attribute("gen_ai.pipeline.name", name).start();
            return new GenAiPipelineObservation(vigil, name, span, named);
        } catch (RuntimeException | Error e) {
            named.close();
            throw e;
        }
    }

    /** @return the pipeline's name */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "GenAiPipeline{" + name + '}';
    }
}
