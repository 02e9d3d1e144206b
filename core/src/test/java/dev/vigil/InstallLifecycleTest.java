package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.internal.GlobalVigil;
import dev.vigil.internal.Recorder;
import dev.vigil.spi.BackendContext;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.VigilBackend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What install and close leave behind: nothing open after a failed install, no handler reached after close. */
class InstallLifecycleTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void reset() {
        TestProviders.CREATED.clear();
        Vigil old = Vigil.resetGlobalForTest();
        if (old != null) {
            old.close();
        }
    }

    @Test
    void aProviderThatFailsClosesTheBackendsCreatedBeforeItAndItsErrorPropagates() {
        assertThatThrownBy(() -> Vigil.builder().configSource(ConfigSource.empty())
                .property(TestProviders.CREATE, "true").property(TestProviders.FAIL, "true").install())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TestProviders.Failing.class.getName())
                .hasRootCauseMessage("the failing provider's setting is wrong");
        assertThat(TestProviders.CREATED).hasSize(1);
        assertThat(TestProviders.CREATED.get(0).closed).as("the backend made before the failure is closed").isTrue();
        assertThat(Vigil.global().isNoop()).isTrue();
    }

    @Test
    void aBackendThatFailsToStartIsClosedWithEveryOtherBackend() {
        List<String> closed = new CopyOnWriteArrayList<>();
        VigilBackend first = backend("first", closed, false);
        VigilBackend failing = backend("failing", closed, true);
        VigilBackend never = backend("never-started", closed, false);
        assertThatThrownBy(() -> Vigil.builder().configSource(ConfigSource.empty()).discoverBackends(false)
                .backend(first).backend(failing).backend(never).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("failing cannot start");
        assertThat(closed).containsExactly("never-started", "failing", "first");
    }

    @Test
    void closeUninstallsTheHandlersSoThatNoObservationReachesAClosedBackend() {
        Vigil vigil = Vigil.builder().configSource(ConfigSource.empty()).discoverBackends(false)
                .metrics(new InMemoryMetrics()).backend(tracer()).install();
        vigil.observation("before").start().close();
        vigil.kpi("before.kpi").traced().time(() -> { });
        assertThat(events).containsExactly("start before", "stop before", "start before.kpi", "stop before.kpi");
        events.clear();

        vigil.close();

        vigil.observation("manual").start().close();
        Vigil.global().observation("global").start().close();
        vigil.kpi("traced.kpi").traced().time(() -> { });
        assertThat(events).as("observations after close").isEmpty();
        // Annotated methods record through the global recorder: it no longer holds the closed handlers.
        assertThat(GlobalVigil.recorder()).isSameAs(Recorder.NOOP);
    }

    @Test
    void theInstallLineSaysHowToAddThePluginWhenNoMethodWasInstrumented() throws IOException {
        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        installCapturing(lines, new URLClassLoader(new URL[0], null));
        assertThat(lines).singleElement().satisfies(r -> assertThat(r.getMessage())
                .contains("0 annotated methods instrumented by vigil-maven-plugin")
                .contains("record nothing without it")
                .contains("dev.vigil:vigil-maven-plugin")
                .contains("instrument and instrument-tests"));
    }

    @Test
    void theInstallLineCountsInstrumentedMethodsAndGivesNoHintWhenThereAreSome(@TempDir Path dir) throws IOException {
        Path index = dir.resolve("META-INF/vigil/instrumented-methods.txt");
        Files.createDirectories(index.getParent());
        Files.writeString(index, "# written by vigil-maven-plugin\na.B#c ()V\na.B#d ()V\n", StandardCharsets.UTF_8);
        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        installCapturing(lines, new URLClassLoader(new URL[] {dir.toUri().toURL()}, null));
        assertThat(lines).singleElement().satisfies(r -> assertThat(r.getMessage())
                .contains("2 annotated methods instrumented by vigil-maven-plugin")
                .doesNotContain("record nothing without it"));
    }

    private static VigilBackend backend(String name, List<String> closed, boolean failsToStart) {
        return new VigilBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start(BackendContext context) {
                if (failsToStart) {
                    throw new IllegalStateException(name + " cannot start");
                }
            }

            @Override
            public void close(Duration timeout) {
                closed.add(name);
            }
        };
    }

    private VigilBackend tracer() {
        return new VigilBackend() {
            @Override
            public String name() {
                return "recording-tracer";
            }

            @Override
            public ObservationHandler observationHandler() {
                return new ObservationHandler() {
                    @Override
                    public Object onStart(ObservationContext context) {
                        events.add("start " + context.name());
                        return context.name();
                    }

                    @Override
                    public void onStop(ObservationContext context, Object state) {
                        events.add("stop " + state);
                    }
                };
            }
        };
    }

    /**
     * Installs with this context class loader (where install looks for the plugin's index) and collects the install
     * line that Vigil logs on {@code dev.vigil}; the platform logger is backed by java.util.logging.
     */
    private static void installCapturing(List<LogRecord> lines, URLClassLoader loader) throws IOException {
        Logger logger = Logger.getLogger("dev.vigil"); // held until removed: JUL keeps loggers weakly
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("Vigil installed")) {
                    lines.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        logger.addHandler(handler);
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Vigil.builder().configSource(ConfigSource.empty()).discoverBackends(false).install();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            logger.removeHandler(handler);
            loader.close();
        }
    }
}
