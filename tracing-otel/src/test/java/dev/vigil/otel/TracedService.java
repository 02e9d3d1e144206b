package dev.vigil.otel;

import dev.vigil.SpanKind;
import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Tag;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Annotated methods, rewritten by vigil-maven-plugin's instrument-tests goal exactly as a user's would be. */
class TracedService {
    final CompletableFuture<String> pending = new CompletableFuture<>();

    @Traced(kind = SpanKind.SERVER)
    String handle(@Tag("tenant") String tenant) {
        return helper(tenant);
    }

    /** Not traced: the traced method it calls must still be a child of {@link #handle}. */
    String helper(String tenant) {
        return lookup(tenant);
    }

    @Traced("inventory lookup")
    String lookup(String tenant) {
        return "stock for " + tenant;
    }

    @Timed("checkout.duration")
    @Counted("checkout.calls")
    void metricsOnly() {
    }

    @Traced
    void fail() {
        throw new IllegalArgumentException("bad order");
    }

    @Traced
    CompletionStage<String> later() {
        return pending;
    }
}
