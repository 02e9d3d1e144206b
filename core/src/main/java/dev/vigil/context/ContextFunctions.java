package dev.vigil.context;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wraps the functional arguments of {@link java.util.concurrent.CompletableFuture} stages so that each runs under the
 * context current when the stage was added. A null function stays null, so the future rejects it exactly as an
 * unwrapped one would.
 */
final class ContextFunctions {
    private ContextFunctions() {
    }

    static <T, U> Function<T, U> function(Function<? super T, ? extends U> fn) {
        if (fn == null) {
            return null;
        }
        Context c = Context.current();
        return t -> {
            Object token = TaskContext.enter(c);
            try {
                return fn.apply(t);
            } finally {
                TaskContext.exit(c, token);
            }
        };
    }

    static <T, U, R> BiFunction<T, U, R> biFunction(BiFunction<? super T, ? super U, ? extends R> fn) {
        if (fn == null) {
            return null;
        }
        Context c = Context.current();
        return (t, u) -> {
            Object token = TaskContext.enter(c);
            try {
                return fn.apply(t, u);
            } finally {
                TaskContext.exit(c, token);
            }
        };
    }

    static <T> Consumer<T> consumer(Consumer<? super T> fn) {
        if (fn == null) {
            return null;
        }
        Context c = Context.current();
        return t -> {
            Object token = TaskContext.enter(c);
            try {
                fn.accept(t);
            } finally {
                TaskContext.exit(c, token);
            }
        };
    }

    static <T, U> BiConsumer<T, U> biConsumer(BiConsumer<? super T, ? super U> fn) {
        if (fn == null) {
            return null;
        }
        Context c = Context.current();
        return (t, u) -> {
            Object token = TaskContext.enter(c);
            try {
                fn.accept(t, u);
            } finally {
                TaskContext.exit(c, token);
            }
        };
    }

    static <T> Supplier<T> supplier(Supplier<? extends T> fn) {
        if (fn == null) {
            return null;
        }
        Context c = Context.current();
        return () -> {
            Object token = TaskContext.enter(c);
            try {
                return fn.get();
            } finally {
                TaskContext.exit(c, token);
            }
        };
    }

    static Runnable runnable(Runnable fn) {
        return ContextRunnable.wrap(fn);
    }
}
