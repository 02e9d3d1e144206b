package dev.vigil;

import dev.vigil.context.Context;
import dev.vigil.context.Scope;
import dev.vigil.internal.ErrorTypes;
import dev.vigil.trace.SpanContext;

/**
 * One started GenAI call: a {@code CLIENT} span named {@code {operation} {model}} ({@code retrieval {data source}})
 * and, at {@link #close()}, the GenAI client metrics, the cost and the pipeline stage. From
 * {@link GenAiCallBuilder#start()}.
 *
 * <pre>{@code
 * try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
 *     for (String chunk : stream) {
 *         call.chunk();                         // first: time to first chunk; then: time per output chunk
 *     }
 *     call.responseModel("gpt-4o-mini-2024-07-18").finishReason("stop").usage(1200, 350);
 * }
 * }</pre>
 *
 * <p>A failure: {@link #error(Throwable)} or {@link #errorType(String)}, or an exception through the annotated
 * ({@code @Traced}, {@code @Timed}, {@code @Counted}) method around the call. Java closes the call before that
 * exception reaches the method, so a call closed with no outcome at all (no usage, finish reason, response model,
 * response id, documents, completion, chunk or error) inside an instrumented method on the closing thread waits for
 * that method's end: recorded failed with the method's {@code error.type} when it throws, as a success when it
 * returns. Its duration is still its own, from start to close; at most 16 such calls
 * wait per thread, the others are recorded at close. A call with an outcome is recorded at close, whatever the method
 * does next (see {@code docs/genai.md}).
 *
 * <p>The last {@code usage(...)} call wins. A stream closed without usage records usage estimated from its chunks
 * and prompt, flagged {@code vigil.genai.usage.estimated=true} (see {@code docs/genai.md}); a call that saw neither
 * usage nor chunks records no tokens.
 *
 * <p>Thread-safe: a stream's callbacks may arrive on another thread than the one that started the call. Never
 * throws; calls after {@link #close()} are ignored.
 */
public final class GenAiCall implements AutoCloseable {
    final GenAi genAi;
    final String operation;
    final String provider;
    final String requestModel;
    final String serverAddress;
    final int serverPort;
    final String feature;
    final String pipeline;
    final long startNanos;
    final Observation span;
    final GenAiChunks chunks;
    final GenAiReported reported = new GenAiReported();
    private boolean closed;

    GenAiCall(GenAi genAi, GenAiCallBuilder b, boolean detached) {
        this.genAi = genAi;
        this.operation = b.operation();
        this.provider = b.provider();
        this.requestModel = b.requestModel();
        this.serverAddress = b.serverAddress();
        this.serverPort = b.serverPort();
        this.feature = b.feature();
        this.pipeline = Context.current().get(GenAi.PIPELINE);
        ObservationBuilder o = b.span(genAi.vigil(), pipeline);
        this.startNanos = System.nanoTime();
        this.span = detached ? o.startDetached() : o.start();
        this.chunks = new GenAiChunks(this);
    }

    /**
     * Marks one chunk of a streamed response arriving: the first records the time to first chunk, each later one
     * the time since the one before.
     *
     * @return this call
     */
    public GenAiCall chunk() {
        return chunk(null);
    }

    /**
     * Marks one chunk of a streamed response, with its text, so that usage can be estimated from the text's length
     * if the provider reports none. The text is not kept.
     *
     * @param text the chunk's text, or null
     * @return this call
     */
    public GenAiCall chunk(CharSequence text) {
        long now = System.nanoTime();
        synchronized (this) {
            if (closed) {
                return this;
            }
            chunks.add(now, text == null ? 0 : text.length());
        }
        chunks.flushIfFull();
        return this;
    }

    /**
     * @param model the model that answered, {@code gen_ai.response.model}, for example a dated version
     * @return this call
     */
    public synchronized GenAiCall responseModel(String model) {
        if (!closed && model != null && !model.isBlank()) {
            reported.responseModel = model;
            span.attribute("gen_ai.response.model", model);
        }
        return this;
    }

    /**
     * @param id the provider's id of the response, {@code gen_ai.response.id}
     * @return this call
     */
    public synchronized GenAiCall responseId(String id) {
        if (!closed && id != null && !id.isBlank()) {
            reported.answered = true;
            span.attribute("gen_ai.response.id", id);
        }
        return this;
    }

    /**
     * Adds a reason the model stopped, one per choice: {@code gen_ai.response.finish_reasons}.
     *
     * @param reason for example {@code stop}, {@code length} or {@code tool_calls}
     * @return this call
     */
    public synchronized GenAiCall finishReason(String reason) {
        if (!closed) {
            reported.finishReason(reason);
        }
        return this;
    }

    /**
     * Sets the usage the provider reported; a later call replaces it.
     *
     * @param input billable input tokens
     * @param output billable output tokens
     * @return this call
     */
    public GenAiCall usage(long input, long output) {
        return usage(input, output, -1, -1, false);
    }

    /**
     * Sets the usage the provider reported, with its detail; a later call replaces it.
     *
     * @param input billable input tokens, the cache reads included (as OpenAI reports them)
     * @param output billable output tokens, reasoning included
     * @param cacheReadInput input tokens read from the provider's prompt cache, priced at the cache-read price
     * @param reasoningOutput output tokens spent on reasoning
     * @return this call
     */
    public GenAiCall usage(long input, long output, long cacheReadInput, long reasoningOutput) {
        return usage(input, output, cacheReadInput, reasoningOutput, false);
    }

    /**
     * Sets a usage the caller estimated (counted with a tokenizer, say), flagged
     * {@code vigil.genai.usage.estimated=true} on the span, the token histogram and the cost.
     *
     * @param input estimated input tokens; negative when unknown
     * @param output estimated output tokens; negative when unknown
     * @return this call
     */
    public GenAiCall usageEstimated(long input, long output) {
        return usage(input, output, -1, -1, true);
    }

    private synchronized GenAiCall usage(long input, long output, long cacheRead, long reasoning, boolean estimate) {
        if (!closed) {
            reported.usage(input, output, cacheRead, reasoning, estimate);
        }
        return this;
    }

    /**
     * @param count the number of documents a retrieval returned
     * @return this call
     */
    public synchronized GenAiCall documents(int count) {
        if (!closed && count >= 0) {
            reported.answered = true;
            span.attribute("vigil.genai.retrieval.documents", (long) count);
        }
        return this;
    }

    /**
     * Records the prompt. Its length estimates input tokens when the provider reports no usage; the text itself is
     * kept only with {@code vigil.genai.capture-content=true}, then redacted, truncated and put on the span as
     * {@code gen_ai.input.messages}.
     *
     * @param text the prompt
     * @return this call
     */
    public synchronized GenAiCall prompt(String text) {
        if (!closed && text != null) {
            reported.promptChars = text.length();
            GenAiContent.input(genAi, span, text);
        }
        return this;
    }

    /**
     * Records the completion; kept only with {@code vigil.genai.capture-content=true}, redacted, truncated and put
     * on the span as {@code gen_ai.output.messages}.
     *
     * @param text the completion
     * @return this call
     */
    public synchronized GenAiCall completion(String text) {
        if (!closed && text != null) {
            reported.answered = true;
            GenAiContent.output(genAi, span, text, reported.firstFinishReason());
        }
        return this;
    }

    /**
     * Adds an attribute to the span, for example {@code gen_ai.conversation.id}.
     *
     * @param key the key
     * @param value the value
     * @return this call
     */
    public synchronized GenAiCall attribute(String key, String value) {
        if (!closed) {
            span.attribute(key, value);
        }
        return this;
    }

    /**
     * Adds an integer attribute to the span, for example {@code gen_ai.request.max_tokens}.
     *
     * @param key the key
     * @param value the value
     * @return this call
     */
    public synchronized GenAiCall attribute(String key, long value) {
        if (!closed) {
            span.attribute(key, value);
        }
        return this;
    }

    /**
     * Adds a floating-point attribute to the span, for example {@code gen_ai.request.temperature}.
     *
     * @param key the key
     * @param value the value
     * @return this call
     */
    public synchronized GenAiCall attribute(String key, double value) {
        if (!closed) {
            span.attribute(key, value);
        }
        return this;
    }

    /**
     * Marks the call failed: {@code error.type} is the exception's class name on the span and every metric.
     *
     * @param error the failure
     * @return this call
     */
    public synchronized GenAiCall error(Throwable error) {
        if (!closed && error != null) {
            if (reported.errorType == null) {
                reported.errorType = ErrorTypes.of(error);
            }
            span.error(error);
        }
        return this;
    }

    /**
     * Marks the call failed without an exception, or with a better type than its class: an HTTP status such as
     * {@code "429"}. Wins over {@link #error(Throwable)}'s class name.
     *
     * @param type a low-cardinality error type
     * @return this call
     */
    public synchronized GenAiCall errorType(String type) {
        if (!closed && type != null && !type.isBlank()) {
            reported.errorType = type;
            span.errorType(type);
        }
        return this;
    }

    /**
     * Makes the call's span current on this thread, for a call started detached.
     *
     * @return the scope to close
     */
    public Scope makeCurrent() {
        return span.makeCurrent();
    }

    /** @return the span's trace and span ids */
    public SpanContext spanContext() {
        return span.spanContext();
    }

    /**
     * Ends the call: the span ends and the metrics, cost and stage are recorded. From any thread, once. A call with no
     * outcome at all, inside an instrumented method on this thread, is recorded when that method ends (see above).
     */
    @Override
    public void close() {
        long nanos = System.nanoTime() - startNanos;
        GenAiOutcome outcome;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            outcome = reported.hasOutcome(chunks.count()) ? GenAiOutcome.of(this, chunks) : null;
            if (outcome != null) {
                outcome.annotate(span);
            }
        }
        GenAiSettlement.settle(this, nanos, outcome);
    }

    @Override
    public String toString() {
        return "GenAiCall{" + operation + ' ' + provider + ' ' + requestModel + '}';
    }
}
