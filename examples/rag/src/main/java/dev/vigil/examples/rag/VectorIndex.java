package dev.vigil.examples.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An in-memory vector index: each document's embedding, searched by cosine similarity. Small on purpose: a service
 * with more documents would use a vector store, recorded the same way as a {@code retrieval} stage.
 */
final class VectorIndex {
    /** A document of the knowledge base. */
    record Document(String id, String text) {
    }

    /** A document found for a query, with its cosine similarity to it. */
    record Match(Document document, double score) {
    }

    private final List<Document> documents;
    private final List<float[]> vectors;

    private VectorIndex(List<Document> documents, List<float[]> vectors) {
        this.documents = List.copyOf(documents);
        this.vectors = List.copyOf(vectors);
    }

    /**
     * Embeds every document in one call.
     *
     * @param model the embedding model
     * @param documents the knowledge base
     * @return the index
     */
    static VectorIndex build(EmbeddingModel model, List<Document> documents) {
        List<TextSegment> segments = documents.stream().map(d -> TextSegment.from(d.text())).toList();
        List<float[]> vectors = model.embedAll(segments).content().stream().map(Embedding::vector).toList();
        return new VectorIndex(documents, vectors);
    }

    /**
     * @param query the query's embedding
     * @param limit how many documents at most
     * @return the most similar documents, best first; none that shares nothing with the query
     */
    List<Match> search(float[] query, int limit) {
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            double score = cosine(query, vectors.get(i));
            if (score > 0) {
                matches.add(new Match(documents.get(i), score));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return matches.subList(0, Math.min(limit, matches.size()));
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
