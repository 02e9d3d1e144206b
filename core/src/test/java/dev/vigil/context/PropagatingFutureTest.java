package dev.vigil.context;

import static dev.vigil.context.ContextTesting.randomSpan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of dependent stage runs under the context current when the stage was added, not the one of the thread
 * that completes the previous stage.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced in the body
class PropagatingFutureTest {
    private final ContextPropagation cp = ContextPropagation.get();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final Context adder = Context.root().withSpan(randomSpan());
    private final Context completer = Context.root().withSpan(randomSpan());
    private final List<String> wrong = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        assertThat(Context.current()).isSameAs(Context.root());
    }

    /** Adds stages to a pending future under `adder`, then completes it under `completer` on another thread. */
    @Test
    void everyStageKindRunsInTheContextOfWhereItWasAdded() throws Exception {
        CompletableFuture<String> source = cp.propagating(new CompletableFuture<>());
        CompletableFuture<String> other = new CompletableFuture<>();
        CompletableFuture<String> failed = cp.propagating(new CompletableFuture<>());
        List<CompletableFuture<?>> stages = new CopyOnWriteArrayList<>();
        try (Scope s = adder.makeCurrent()) {
            for (boolean async : new boolean[] {false, true}) {
                for (int e = 0; e < (async ? 2 : 1); e++) {
                    stages.addAll(allStages(source, other, failed, async, e == 1 ? pool : null));
                }
            }
            stages.add(source.copy().thenApply(v -> check("copy")));
            stages.add(source.toCompletableFuture().thenApply(v -> check("toCompletableFuture")));
        }
        pool.submit(() -> {
            try (Scope s = completer.makeCurrent()) {
                other.complete("o");
                source.complete("v");
                failed.completeExceptionally(new IllegalStateException("boom"));
            }
        }).get();
        for (CompletableFuture<?> stage : stages) {
            stage.get(10, TimeUnit.SECONDS);
        }
        assertThat(stages).hasSize(16 + 17 + 17 + 2);
        assertThat(wrong).isEmpty();
    }

    private List<CompletableFuture<?>> allStages(CompletableFuture<String> f, CompletableFuture<String> other,
            CompletableFuture<String> failed, boolean async, ExecutorService ex) {
        Function<Throwable, String> recover = t -> check("exceptionally");
        Function<Throwable, CompletableFuture<String>> recoverCompose =
                t -> CompletableFuture.completedFuture(check("exceptionallyCompose"));
        if (!async) {
            return List.of(f.thenApply(v -> check("thenApply")), f.thenAccept(v -> check("thenAccept")),
                    f.thenRun(() -> check("thenRun")), f.thenCombine(other, (x, y) -> check("thenCombine")),
                    f.thenAcceptBoth(other, (x, y) -> check("thenAcceptBoth")),
                    f.runAfterBoth(other, () -> check("runAfterBoth")),
                    f.applyToEither(other, v -> check("applyToEither")),
                    f.acceptEither(other, v -> check("acceptEither")),
                    f.runAfterEither(other, () -> check("runAfterEither")),
                    f.thenCompose(v -> CompletableFuture.completedFuture(check("thenCompose"))),
                    f.handle((v, t) -> check("handle")), f.whenComplete((v, t) -> check("whenComplete")),
                    failed.exceptionally(recover), failed.exceptionallyCompose(recoverCompose),
                    cp.supplyAsync(() -> check("supplyAsync")), cp.runAsync(() -> check("runAsync")));
        }
        if (ex == null) {
            return List.of(f.thenApplyAsync(v -> check("thenApplyAsync")),
                    f.thenAcceptAsync(v -> check("thenAcceptAsync")), f.thenRunAsync(() -> check("thenRunAsync")),
                    f.thenCombineAsync(other, (x, y) -> check("thenCombineAsync")),
                    f.thenAcceptBothAsync(other, (x, y) -> check("thenAcceptBothAsync")),
                    f.runAfterBothAsync(other, () -> check("runAfterBothAsync")),
                    f.applyToEitherAsync(other, v -> check("applyToEitherAsync")),
                    f.acceptEitherAsync(other, v -> check("acceptEitherAsync")),
                    f.runAfterEitherAsync(other, () -> check("runAfterEitherAsync")),
                    f.thenComposeAsync(v -> CompletableFuture.completedFuture(check("thenComposeAsync"))),
                    f.handleAsync((v, t) -> check("handleAsync")),
                    f.whenCompleteAsync((v, t) -> check("whenCompleteAsync")),
                    failed.exceptionallyAsync(recover), failed.exceptionallyComposeAsync(recoverCompose),
                    cp.propagating(new CompletableFuture<String>()).completeAsync(() -> check("completeAsync")),
                    f.thenApplyAsync(v -> check("default executor")), f.thenRunAsync(() -> check("default")));
        }
        return List.of(f.thenApplyAsync(v -> check("thenApplyAsync(ex)"), ex),
                f.thenAcceptAsync(v -> check("thenAcceptAsync(ex)"), ex),
                f.thenRunAsync(() -> check("thenRunAsync(ex)"), ex),
                f.thenCombineAsync(other, (x, y) -> check("thenCombineAsync(ex)"), ex),
                f.thenAcceptBothAsync(other, (x, y) -> check("thenAcceptBothAsync(ex)"), ex),
                f.runAfterBothAsync(other, () -> check("runAfterBothAsync(ex)"), ex),
                f.applyToEitherAsync(other, v -> check("applyToEitherAsync(ex)"), ex),
                f.acceptEitherAsync(other, v -> check("acceptEitherAsync(ex)"), ex),
                f.runAfterEitherAsync(other, () -> check("runAfterEitherAsync(ex)"), ex),
                f.thenComposeAsync(v -> CompletableFuture.completedFuture(check("thenComposeAsync(ex)")), ex),
                f.handleAsync((v, t) -> check("handleAsync(ex)"), ex),
                f.whenCompleteAsync((v, t) -> check("whenCompleteAsync(ex)"), ex),
                failed.exceptionallyAsync(recover, ex), failed.exceptionallyComposeAsync(recoverCompose, ex),
                cp.propagating(new CompletableFuture<String>()).completeAsync(() -> check("completeAsync(ex)"), ex),
                cp.supplyAsync(() -> check("supplyAsync(ex)"), ex), cp.runAsync(() -> check("runAsync(ex)"), ex));
    }

    private String check(String stage) {
        Context c = Context.current();
        if (c != adder) {
            wrong.add(stage + " ran in " + (c == completer ? "the completer's context" : c.toString()));
        }
        return stage;
    }

    @Test
    void dependentsArePropagatingAndAddedStagesCaptureTheirOwnContext() throws Exception {
        CompletableFuture<String> first;
        try (Scope s = adder.makeCurrent()) {
            first = cp.supplyAsync(() -> check("supply"), pool).thenApply(v -> check("apply"));
        }
        assertThat(first.getClass().getSimpleName()).isEqualTo("PropagatingFuture");
        CompletableFuture<Context> later;
        try (Scope s = completer.makeCurrent()) {
            later = first.thenApplyAsync(v -> Context.current(), pool);
        }
        assertThat(later.get(10, TimeUnit.SECONDS)).isSameAs(completer);
        assertThat(wrong).isEmpty();
        assertThat(first.defaultExecutor().toString()).startsWith("ContextExecutor{");
        assertThat(first.defaultExecutor()).isSameAs(later.defaultExecutor());
    }

    @Test
    void propagatingMirrorsTheSourceOutcome() throws Exception {
        CompletableFuture<String> ok = new CompletableFuture<>();
        CompletableFuture<String> bad = new CompletableFuture<>();
        CompletableFuture<String> okP = cp.propagating(ok);
        CompletableFuture<String> badP = cp.propagating(bad);
        ok.complete("v");
        IllegalStateException boom = new IllegalStateException("boom");
        bad.completeExceptionally(boom);
        assertThat(okP.get()).isEqualTo("v");
        assertThatThrownBy(badP::get).isInstanceOf(ExecutionException.class).hasCause(boom);
        assertThat(cp.propagating(CompletableFuture.completedFuture("done")).getNow(null)).isEqualTo("done");
    }

    @Test
    void aStageThatThrowsFailsItsFutureAndRestoresTheContext() {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<String> f;
        try (Scope s = adder.makeCurrent()) {
            f = cp.propagating(CompletableFuture.completedFuture("v")).thenApply(v -> {
                throw boom;
            });
            assertThat(Context.current()).isSameAs(adder);
        }
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCause(boom);
        assertThatThrownBy(() -> cp.supplyAsync(null, pool)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cp.runAsync(null)).isInstanceOf(NullPointerException.class);
    }
}
