package dev.vigil.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.vigil.GenAiCall;

/**
 * Sits between a streaming model and the application's handler: marks each chunk (answer, thinking or tool call
 * text) on the call, then passes it on unchanged. The call ends on completion, on error, or when the application
 * cancels the stream through the handle it was given; core estimates the usage from the chunks when the provider
 * reported none. Recording never disturbs the stream: its failures are only logged.
 */
final class StreamRecorder implements StreamingChatResponseHandler {
    /** The {@code error.type} of a stream the application cancelled. */
    static final String CANCELLED = "cancelled";

    private final GenAiCall call;
    private final StreamingChatResponseHandler handler;

    /** @param call the started call, or null when starting it failed (the stream then only passes through) */
    StreamRecorder(GenAiCall call, StreamingChatResponseHandler handler) {
        this.call = call;
        this.handler = handler;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
        chunk(partialResponse);
        handler.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        chunk(partialResponse.text());
        handler.onPartialResponse(partialResponse, new PartialResponseContext(cancellable(context.streamingHandle())));
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        chunk(partialThinking.text());
        handler.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        chunk(partialThinking.text());
        handler.onPartialThinking(partialThinking, new PartialThinkingContext(cancellable(context.streamingHandle())));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        chunk(partialToolCall.partialArguments());
        handler.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        chunk(partialToolCall.partialArguments());
        handler.onPartialToolCall(partialToolCall, new PartialToolCallContext(cancellable(context.streamingHandle())));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        handler.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
        handler.onUnmappedRawEvent(rawEvent);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        if (call != null) {
            try (call) {
                ChatRecording.recordResponse(call, completeResponse);
            } catch (RuntimeException | LinkageError e) {
                Warning.of("a streamed chat response", e);
            }
        }
        handler.onCompleteResponse(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        failed(error);
        handler.onError(error);
    }

    /** Ends the call as failed, with what was seen so far; later events are ignored by the closed call. */
    void failed(Throwable error) {
        if (call != null) {
            try (call) {
                ChatRecording.recordError(call, error);
            } catch (RuntimeException | LinkageError e) {
                Warning.of("a streamed chat failure", e);
            }
        }
    }

    private void chunk(String text) {
        if (call != null) {
            try {
                call.chunk(text);
            } catch (RuntimeException | LinkageError e) {
                Warning.of("a stream chunk", e);
            }
        }
    }

    private StreamingHandle cancellable(StreamingHandle handle) {
        if (handle == null || call == null) {
            return handle;
        }
        return new StreamingHandle() {
            @Override
            public void cancel() {
                try (call) {
                    call.errorType(CANCELLED);
                } catch (RuntimeException | LinkageError e) {
                    Warning.of("a cancelled stream", e);
                }
                handle.cancel();
            }

            @Override
            public boolean isCancelled() {
                return handle.isCancelled();
            }
        };
    }
}
