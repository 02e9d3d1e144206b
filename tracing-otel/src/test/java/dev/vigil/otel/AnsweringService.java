package dev.vigil.otel;

import dev.vigil.GenAiCall;
import dev.vigil.Vigil;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import java.util.function.Supplier;

/**
 * GenAI calls inside annotated methods, written as a service writes them: the client's exception leaves the
 * try-with-resources, closing the call, before it reaches the method. Rewritten by vigil-maven-plugin's
 * instrument-tests goal.
 */
@SuppressWarnings("try") // calls opened for their effect
class AnsweringService {
    private final Vigil vigil;

    AnsweringService(Vigil vigil) {
        this.vigil = vigil;
    }

    /** Calls the model through {@code client}; what the client throws goes through this method. */
    @Traced
    String answer(Supplier<String> client) {
        try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
            return client.get();
        }
    }

    /** The same in a {@code @Timed}-only method, which no handler follows. */
    @Timed("answering.timed")
    String timedAnswer(Supplier<String> client) {
        try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
            return client.get();
        }
    }

    /** A call that reports usage, then the method fails for another reason. */
    @Traced
    String answerThenFail(RuntimeException later) {
        try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o").start()) {
            call.usage(10, 5);
        }
        throw later;
    }

    /** {@code n} calls without an outcome, then the method throws. */
    @Traced
    void manyThenFail(int n, RuntimeException failure) {
        for (int i = 0; i < n; i++) {
            try (GenAiCall call = vigil.genAi().embeddings("openai", "text-embedding-3-small").start()) {
                call.attribute("i", (long) i);
            }
        }
        throw failure;
    }

    /** An annotated method nested inside: the call is deferred to it, the nearest one, not to the outer method. */
    @Traced
    String outer(Supplier<String> client) {
        String inner;
        try {
            inner = answer(client);
        } catch (IllegalStateException e) {
            inner = "recovered";
        }
        return inner;
    }
}
