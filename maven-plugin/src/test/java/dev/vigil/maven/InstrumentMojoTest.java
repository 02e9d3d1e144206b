package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals' shared behaviour: skip, report, fail or warn. */
class InstrumentMojoTest {
    static final String BAD = """
            package dev.example;
            public abstract class Shop {
                @dev.vigil.annotation.Timed public abstract String checkout(String plan);
                @dev.vigil.annotation.Counted public void ok() { }
            }
            """;

    @TempDir
    Path dir;

    final List<String> log = new CopyOnWriteArrayList<>();

    private AbstractInstrumentMojo mojo(Path classes) {
        AbstractInstrumentMojo mojo = new AbstractInstrumentMojo() {
            @Override
            File classesDirectory() {
                return classes.toFile();
            }

            @Override
            List<String> sourceRoots() {
                return List.of(classes.resolveSibling("src").toString());
            }

            @Override
            List<String> classpathElements() {
                return List.of(classes.toString(), Fixtures.coreClasses().toString());
            }
        };
        mojo.project = new MavenProject();
        mojo.failOnError = true;
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add("INFO " + content);
            }

            @Override
            public void warn(CharSequence content, Throwable error) {
                log.add("WARN " + content);
            }
        });
        return mojo;
    }

    @Test
    void logsWhatItInstrumented() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", InstrumenterTest.SHOP));
        mojo(classes).execute();
        mojo(classes).execute();
        assertThat(log).containsExactly("INFO Vigil instrumented 7 methods in 1 class",
                "INFO Vigil instrumented 0 methods in 0 classes (1 class already instrumented)");
    }

    @Test
    void failsTheBuildNamingTheMethod() {
        Path classes = Fixtures.compile(dir, Map.of("dev.example.Shop", BAD));
        assertThatThrownBy(() -> mojo(classes).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Vigil cannot instrument 1 method or class:" + System.lineSeparator()
                        + "  dev.example.Shop#checkout: @Timed cannot work on an abstract method; put it on the implementation");
    }

    @Test
    void onlyWarnsWhenToldNotToFail() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("dev.example.Shop", BAD));
        AbstractInstrumentMojo mojo = mojo(classes);
        mojo.failOnError = false;
        mojo.execute();
        assertThat(log).containsExactly(
                "WARN Vigil: dev.example.Shop#checkout: @Timed cannot work on an abstract method; put it on the implementation",
                "INFO Vigil instrumented 1 method in 1 class");
    }

    @Test
    void logsClassesCompiledAgainAndFailsTheBuildWhenASourceIsMissing() throws Exception {
        Path classes = Fixtures.legacy(dir);
        Files.move(dir.resolve("src/fixture/LegacyShop.java"), dir.resolve("LegacyShop.java"));
        assertThatThrownBy(() -> mojo(classes).execute())
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("fixture.LegacyShop was instrumented by a vigil-maven-plugin of another version")
                .hasMessageContaining("Build from clean (mvn clean verify)");

        Files.move(dir.resolve("LegacyShop.java"), dir.resolve("src/fixture/LegacyShop.java"));
        mojo(classes).execute();
        assertThat(log).containsExactly("INFO Vigil instrumented 2 methods in 2 classes"
                + " (2 compiled again from source: instrumented by another plugin version)");
    }

    @Test
    void skips() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", InstrumenterTest.SHOP));
        byte[] before = Fixtures.read(classes, "fixture.Shop");
        AbstractInstrumentMojo mojo = mojo(classes);
        mojo.skip = true;
        mojo.execute();
        assertThat(Fixtures.read(classes, "fixture.Shop")).isEqualTo(before);
        assertThat(log).containsExactly("INFO Vigil instrumentation skipped (vigil.instrument.skip)");
    }
}
