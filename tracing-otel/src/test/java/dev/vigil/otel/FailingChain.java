package dev.vigil.otel;

import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import java.util.concurrent.CompletableFuture;

/**
 * A failure passing through a {@code @Timed}-only, then a {@code @Counted}-only, then a {@code @Traced} method,
 * synchronously, through a returned stage, and through a caller blocked in {@code join()}. Rewritten by
 * vigil-maven-plugin's instrument-tests goal.
 */
class FailingChain {
    private final RuntimeException failure;

    FailingChain(RuntimeException failure) {
        this.failure = failure;
    }

    @Timed("chain.outer")
    String outer() {
        return middle();
    }

    @Counted("chain.middle")
    String middle() {
        return inner();
    }

    @Traced
    String inner() {
        throw failure;
    }

    @Timed("chain.async.outer")
    CompletableFuture<String> asyncOuter(CompletableFuture<String> stage) {
        return asyncMiddle(stage);
    }

    @Counted("chain.async.middle")
    CompletableFuture<String> asyncMiddle(CompletableFuture<String> stage) {
        return asyncInner(stage);
    }

    @Traced
    CompletableFuture<String> asyncInner(CompletableFuture<String> stage) {
        return stage;
    }

    @Timed("chain.join.outer")
    String joinOuter(CompletableFuture<String> stage) {
        return joinMiddle(stage);
    }

    @Counted("chain.join.middle")
    String joinMiddle(CompletableFuture<String> stage) {
        return asyncInner(stage).join();
    }
}
