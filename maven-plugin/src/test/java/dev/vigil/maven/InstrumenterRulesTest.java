package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misplaced annotations fail with a message that says where and what to do; a second run changes nothing. */
class InstrumenterRulesTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        Vigil.resetGlobalForTest();
    }

    @Test
    void explainsEveryMisplacedAnnotation() {
        Path classes = Fixtures.compile(dir, Map.of(
                "dev.example.Shop", """
                        package dev.example;
                        import dev.vigil.annotation.*;
                        public abstract class Shop {
                            @Timed("shop.checkout") public abstract String checkout(String plan);
                            @Timed @Traced native void nativeWork();
                            public void untimed(@Tag("plan") String plan) { }
                            @Counted("shop.ok") public void ok() { }
                        }
                        """,
                "dev.example.Api", """
                        package dev.example;
                        import dev.vigil.annotation.*;
                        public interface Api {
                            @Timed @Counted @Traced String get();
                        }
                        """));
        Instrumenter.Result result = Fixtures.instrument(classes);

        assertThat(result.problems()).extracting(Instrumenter.Problem::message).containsExactly(
                "dev.example.Api#get: @Timed, @Counted and @Traced cannot work on an abstract method; put it on the implementation",
                "dev.example.Shop#checkout: @Timed cannot work on an abstract method; put it on the implementation",
                "dev.example.Shop#nativeWork: @Timed and @Traced cannot work on a native method;"
                        + " put it on the Java method that calls it",
                "dev.example.Shop#untimed: @Tag does nothing on a method without @Timed, @Counted or @Traced;"
                        + " annotate the method or remove @Tag");
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.cause()).isNull());
        // the well-placed annotation next to them is still instrumented
        assertThat(result.methods()).isEqualTo(1);
    }

    @Test
    void instrumentingTwiceChangesNothing() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", InstrumenterTest.SHOP));
        Instrumenter.Result first = Fixtures.instrument(classes);
        byte[] once = Fixtures.read(classes, "fixture.Shop");
        List<String> index = IndexFile.read(classes);
        Instrumenter.Result second = Fixtures.instrument(classes);

        assertThat(first.classes()).isEqualTo(1);
        assertThat(second.classes()).isZero();
        assertThat(second.methods()).isZero();
        assertThat(second.alreadyInstrumented()).isEqualTo(1);
        assertThat(second.indexed()).isEqualTo(first.indexed()).isEqualTo(7);
        assertThat(Fixtures.read(classes, "fixture.Shop")).isEqualTo(once);
        assertThat(IndexFile.read(classes)).isEqualTo(index);

        RecordingBackends.Metrics metrics = new RecordingBackends.Metrics();
        Vigil.builder().discoverBackends(false).metrics(metrics).install();
        try (URLClassLoader loader = Fixtures.loader(classes)) {
            Object shop = Class.forName("fixture.Shop", true, loader).getConstructor().newInstance();
            shop.getClass().getMethod("visit").invoke(shop);
        }
        assertThat(metrics.count("COUNTER shop.visits{}")).isEqualTo(1);
    }

    @Test
    void indexKeepsEarlierRunsAndDropsDeletedClasses() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of(
                "fixture.A", "package fixture; public class A { @dev.vigil.annotation.Counted public void a() { } }",
                "fixture.B", "package fixture; public class B { @dev.vigil.annotation.Timed public void b() { } }"));
        Fixtures.instrument(classes);
        assertThat(IndexFile.read(classes)).containsExactly("fixture.A#a()V", "fixture.B#b()V");

        // an incremental build: B was deleted, A is already instrumented, C is new
        Files.delete(classes.resolve("fixture/B.class"));
        Fixtures.compile(dir, Map.of(
                "fixture.C", "package fixture; public class C { @dev.vigil.annotation.Traced public int c() { return 1; } }"));
        Instrumenter.Result result = Fixtures.instrument(classes);

        assertThat(result.classes()).isEqualTo(1);
        assertThat(result.alreadyInstrumented()).isEqualTo(1);
        assertThat(IndexFile.read(classes)).containsExactly("fixture.A#a()V", "fixture.C#c()I");
    }

    @Test
    void aDirectoryWithoutAnnotationsGetsNoIndex() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Plain", "package fixture; public class Plain { }"));
        byte[] before = Fixtures.read(classes, "fixture.Plain");
        Instrumenter.Result result = Fixtures.instrument(classes);

        assertThat(result).isEqualTo(new Instrumenter.Result(0, 0, 0, 0, 0, List.of()));
        assertThat(Fixtures.read(classes, "fixture.Plain")).isEqualTo(before);
        assertThat(IndexFile.read(classes)).isEmpty();
    }

    @Test
    void aMissingDirectoryIsNothingToDo() throws Exception {
        assertThat(Fixtures.instrument(dir.resolve("absent"))).isEqualTo(new Instrumenter.Result(0, 0, 0, 0, 0, List.of()));
        assertThat(dir.resolve("absent")).doesNotExist();
    }
}
