package dev.vigil.context;

import static dev.vigil.context.ContextTesting.randomSpan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.WarningCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The storage is chosen once; foreign storages are guarded; tasks on a foreign storage get their context back. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced in the body
class ContextStorageTest {

    @Test
    void theGlobalStorageIsTheThreadLocalOneAndIsSealedOnFirstUse() {
        assertThat(Context.current()).isSameAs(Context.root());
        assertThat(ContextStorage.get()).isSameAs(ContextStorage.threadLocal());
        assertThatThrownBy(() -> ContextStorage.setGlobal(new MapStorage()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in use")
                .cause().hasMessageContaining("chosen here");
        assertThatThrownBy(() -> ContextStorage.addWrapper(s -> s)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ContextStorage.setGlobal(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFreshRegistryAppliesTheBaseThenWrappersInOrderAndGuardsThem() {
        StorageRegistry registry = new StorageRegistry();
        MapStorage base = new MapStorage();
        List<String> order = new ArrayList<>();
        registry.setBase(base);
        registry.addWrapper(s -> {
            order.add("first sees " + (s == base ? "base" : s));
            return new NamedStorage("first", s);
        });
        registry.addWrapper(s -> {
            order.add("second sees " + s);
            return new NamedStorage("second", s);
        });
        assertThatThrownBy(() -> registry.setBase(new MapStorage())).hasMessageContaining("already set");

        ContextStorage sealed = registry.seal();
        assertThat(registry.seal()).isSameAs(sealed);
        assertThat(order).containsExactly("first sees base", "second sees first");
        assertThat(sealed).isInstanceOf(GuardedContextStorage.class).hasToString("second");
        assertThatThrownBy(() -> registry.addWrapper(s -> s)).isInstanceOf(IllegalStateException.class);

        Context x = Context.root().withSpan(randomSpan());
        try (Scope s = sealed.attach(x)) {
            assertThat(sealed.current()).isSameAs(x);
            assertThat(base.current()).isSameAs(x);
        }
        assertThat(sealed.current()).isSameAs(Context.root());
    }

    @Test
    void wrappersThatFailOrReturnNullAreSkippedWithAWarning() {
        try (WarningCollector warnings = new WarningCollector()) {
            StorageRegistry registry = new StorageRegistry();
            registry.addWrapper(s -> {
                throw new IllegalStateException("broken wrapper");
            });
            registry.addWrapper(s -> null);
            assertThat(registry.seal()).isSameAs(ContextStorage.threadLocal());
            assertThat(warnings.kinds).containsExactly("context-storage");
        }
    }

    @Test
    void aBrokenStorageNeverReachesTheHost() {
        ContextStorage broken = new ContextStorage() {
            @Override
            public Context current() {
                throw new IllegalStateException("current");
            }

            @Override
            public Scope attach(Context context) {
                throw new IllegalStateException("attach");
            }
        };
        ContextStorage nulls = new ContextStorage() {
            @Override
            public Context current() {
                return null;
            }

            @Override
            public Scope attach(Context context) {
                return () -> {
                    throw new IllegalStateException("close");
                };
            }
        };
        try (WarningCollector warnings = new WarningCollector()) {
            GuardedContextStorage g = new GuardedContextStorage(broken);
            assertThat(g.current()).isSameAs(Context.root());
            assertThat(g.attach(Context.root())).isSameAs(Scope.noop());
            assertThat(g.attach(null)).isSameAs(Scope.noop());
            assertThat(warnings.kinds).containsOnly("context-storage", "invalid-context");
        }
        try (WarningCollector warnings = new WarningCollector()) {
            GuardedContextStorage n = new GuardedContextStorage(nulls);
            assertThat(n.current()).isSameAs(Context.root());
            n.attach(Context.root()).close();
            assertThat(warnings.messages).singleElement().asString().contains("failed to close");
        }
    }

    @Test
    void aTaskOnAForeignStorageIsPutBackEvenIfItLeaksAScope() {
        MapStorage storage = new MapStorage();
        Context previous = Context.root().withSpan(randomSpan());
        Context task = Context.root().withSpan(randomSpan());
        try (Scope outer = storage.attach(previous)) {
            TaskContext.Foreign clean = TaskContext.Foreign.enter(storage, task);
            assertThat(storage.current()).isSameAs(task);
            clean.exit(task);
            assertThat(storage.current()).isSameAs(previous);
            assertThat(storage.open.get()).isEqualTo(1);

            try (WarningCollector warnings = new WarningCollector()) {
                TaskContext.Foreign leaky = TaskContext.Foreign.enter(storage, task);
                storage.attach(Context.root().withSpan(randomSpan())); // never closed
                leaky.exit(task);
                assertThat(storage.current()).isSameAs(previous);
                assertThat(warnings.kinds).containsExactly("scope-leak");
            }
        }
    }

    /** A storage of its own (not the global ThreadLocal), counting open scopes. */
    private static final class MapStorage implements ContextStorage {
        private final ThreadLocal<Context> current = ThreadLocal.withInitial(Context::root);
        final AtomicInteger open = new AtomicInteger();

        @Override
        public Context current() {
            return current.get();
        }

        @Override
        public Scope attach(Context context) {
            Context before = current.get();
            current.set(context);
            open.incrementAndGet();
            return () -> {
                open.decrementAndGet();
                if (current.get() == context) {
                    current.set(before);
                }
            };
        }
    }
}
