package dev.vigil.context;

import static dev.vigil.context.ContextTesting.randomSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.WarningCollector;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrappers discovered with ServiceLoader when the storage is chosen: applied inside explicit ones, and guarded. */
@SuppressWarnings("try") // scopes are opened for their effect
class ContextStorageWrapperTest {
    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        DiscoveredStorageWrapper.WRAPPED.clear();
    }

    private ClassLoader loaderServing(String... providerNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ContextStorageWrapper.class.getName()),
                String.join("\n", providerNames) + "\n", StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void aDiscoveredWrapperIsAppliedAroundTheBaseAndInsideExplicitWrappers() throws IOException {
        StorageRegistry registry = new StorageRegistry(loaderServing(DiscoveredStorageWrapper.class.getName()));
        registry.addWrapper(s -> new NamedStorage("explicit", s));

        ContextStorage sealed = registry.seal();

        assertThat(DiscoveredStorageWrapper.WRAPPED).containsExactly(ContextStorage.threadLocal());
        assertThat(sealed).isInstanceOf(GuardedContextStorage.class).hasToString("explicit");
        Context x = Context.root().withSpan(randomSpan());
        try (Scope s = sealed.attach(x)) {
            assertThat(sealed.current()).isSameAs(x);
        }
        assertThat(sealed.current()).isSameAs(Context.root());
    }

    @Test
    void aWrapperThatReturnsTheStorageUnchangedKeepsTheUnguardedDefault() throws IOException {
        StorageRegistry registry = new StorageRegistry(loaderServing(IdentityWrapper.class.getName()));
        assertThat(registry.seal()).isSameAs(ContextStorage.threadLocal());
    }

    @Test
    void aProviderThatCannotBeLoadedIsSkippedWithAWarning() throws IOException {
        try (WarningCollector warnings = new WarningCollector()) {
            StorageRegistry registry = new StorageRegistry(
                    loaderServing("dev.vigil.context.NoSuchWrapper", DiscoveredStorageWrapper.class.getName()));
            ContextStorage sealed = registry.seal();
            assertThat(sealed).hasToString("discovered(ThreadLocalContextStorage)");
            assertThat(warnings.kinds).containsExactly("context-storage");
        }
    }

    @Test
    void aRegistryWithoutALoaderDiscoversNothing() {
        assertThat(new StorageRegistry().seal()).isSameAs(ContextStorage.threadLocal());
        assertThat(DiscoveredStorageWrapper.WRAPPED).isEmpty();
    }

    /** Returns the storage unchanged, as an adapter does when it has nothing to bridge. */
    public static final class IdentityWrapper implements ContextStorageWrapper {
        /** Creates the wrapper, as ServiceLoader does. */
        public IdentityWrapper() {
        }

        @Override
        public ContextStorage wrap(ContextStorage storage) {
            return storage;
        }
    }
}
