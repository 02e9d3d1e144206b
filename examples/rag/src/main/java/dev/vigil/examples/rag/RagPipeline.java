package dev.vigil.examples.rag;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.vigil.GenAiCall;
import dev.vigil.Observation;
import dev.vigil.Vigil;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Retrieval-augmented generation in four stages, all inside one {@code vigil.genAi().pipeline("rag")}: the question's
 * embedding (the observed embedding model), the vector search (a {@code retrieval} call), a rerank by shared words (a
 * {@code rerank} call) and the answer (the chat model, recorded by its listener). Each stage is timed in
 * {@code gen_ai_pipeline_stage_duration_seconds}, the whole in {@code gen_ai_pipeline_duration_seconds}.
 */
final class RagPipeline {
    /** Documents the vector search returns, and the reranked few the model is given. */
    private static final int CANDIDATES = 3;
    private static final int CONTEXT = 2;

    private final Vigil vigil;
    private final EmbeddingModel embeddings;
    private final VectorIndex index;
    private final ChatModel chat;

    RagPipeline(Vigil vigil, EmbeddingModel embeddings, VectorIndex index, ChatModel chat) {
        this.vigil = vigil;
        this.embeddings = embeddings;
        this.index = index;
        this.chat = chat;
    }

    /** An answer and the ids of the documents it was generated from. */
    record Answer(String text, List<String> sources) {
    }

    Answer answer(String question) {
        Observation rag = vigil.genAi().pipeline("rag").start();
        try {
            float[] query = embeddings.embed(question).content().vector();
            List<VectorIndex.Match> found;
            try (GenAiCall retrieval = vigil.genAi().retrieval("in-memory", "vigil-docs").start()) {
                found = index.search(query, CANDIDATES);
                retrieval.documents(found.size());
            }
            List<VectorIndex.Match> context;
            try (GenAiCall rerank = vigil.genAi().rerank("in-memory", "word-overlap").start()) {
                context = rerank(question, found);
                rerank.documents(context.size());
            }
            String documents = context.stream().map(m -> "- " + m.document().text()).collect(Collectors.joining("\n"));
            String text = chat.chat(ChatRequest.builder().messages(
                    SystemMessage.from("Answer from these documents only:\n" + documents),
                    UserMessage.from(question)).build()).aiMessage().text();
            return new Answer(text, context.stream().map(m -> m.document().id()).toList());
        } catch (RuntimeException e) {
            // the stage that failed has recorded its own error.type; this marks the pipeline as failed too
            rag.error(e);
            throw e;
        } finally {
            rag.close();
        }
    }

    /** Orders the candidates by the words they share with the question, the vector score breaking ties. */
    private static List<VectorIndex.Match> rerank(String question, List<VectorIndex.Match> candidates) {
        Set<String> words = words(question);
        Comparator<VectorIndex.Match> shared = Comparator.comparingLong(
                m -> words(m.document().text()).stream().filter(words::contains).count());
        return candidates.stream().sorted(shared.thenComparingDouble(VectorIndex.Match::score).reversed())
                .limit(CONTEXT).toList();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 2).collect(Collectors.toSet());
    }
}
