package dev.vigil.examples.quickstart;

import dev.vigil.Vigil;
import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Tag;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a document pipeline: "extracts" words from an uploaded document and scores how well it
 * did. The annotations are turned into a timer, a counter and a span by vigil-maven-plugin at build time.
 */
final class DocumentProcessor {
    private final AtomicLong extractedWords = new AtomicLong();
    private final AtomicLong expectedWords = new AtomicLong();

    DocumentProcessor(Vigil vigil) {
        // The gauge reads the processor at scrape time; Vigil holds it weakly, so it never leaks.
        vigil.kpi("documents.extraction.accuracy").description("share of words extracted, 0 to 1")
                .gauge(this, DocumentProcessor::accuracy);
    }

    /**
     * Extracts the words of one document.
     *
     * @param type the document type, a low-cardinality tag such as {@code pdf}
     * @param body the document
     * @return how many words were extracted
     */
    @Timed(value = "documents.extraction", description = "time to extract one document")
    @Counted("documents.processed")
    @Traced
    int extract(@Tag("type") String type, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty document");
        }
        String[] words = text.trim().split("\\s+");
        // Pretend that scanned documents lose one word in ten, to give the accuracy gauge something to show.
        int extracted = "scan".equals(type) ? words.length - words.length / 10 : words.length;
        extractedWords.addAndGet(extracted);
        expectedWords.addAndGet(words.length);
        return extracted;
    }

    double accuracy() {
        long expected = expectedWords.get();
        return expected == 0 ? 1.0 : (double) extractedWords.get() / expected;
    }
}
