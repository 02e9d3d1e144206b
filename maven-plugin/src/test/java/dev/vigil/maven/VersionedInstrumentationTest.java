package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.bytecode.InstrumentedMethod;
import dev.vigil.internal.ApiWarnings;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version in the class marker: a class instrumented for another version of the bytecode interface is compiled
 * again and instrumented afresh, never twice; core refuses code written for a version it does not implement.
 *
 * <p>{@code src/test/resources/legacy-v1} holds {@code fixture.LegacyShop} and its nested {@code Till} as the first
 * plugin (marker version 1, calls into {@code dev.vigil.internal.MethodSite}) instrumented them, with their source.
 */
class VersionedInstrumentationTest {
    private static final String LEGACY = "fixture.LegacyShop";
    private static final String TILL = "fixture.LegacyShop$Till";

    @TempDir
    Path dir;

    final RecordingBackends.Metrics metrics = new RecordingBackends.Metrics();

    @AfterEach
    void reset() {
        ApiWarnings.setListener(null);
        ApiWarnings.resetForTest();
        Vigil.resetGlobalForTest();
    }

    private static String constantPool(Path classes, String className) {
        return new String(Fixtures.read(classes, className), StandardCharsets.ISO_8859_1);
    }

    private void runLegacyShop(Path classes) throws Exception {
        try (URLClassLoader loader = Fixtures.loader(classes)) {
            Object shop = Class.forName(LEGACY, true, loader).getConstructor().newInstance();
            assertThat(shop.getClass().getMethod("checkout", String.class).invoke(shop, "pro")).isEqualTo("receipt pro");
            Object till = Class.forName(TILL, true, loader).getConstructor().newInstance();
            assertThat(till.getClass().getMethod("open", int.class).invoke(till, 1)).isEqualTo(2);
        }
    }

    @Test
    void classesOfThePreviousMarkerFormatAreCompiledAgainAndInstrumentedOnce() throws Exception {
        Path classes = Fixtures.legacy(dir);
        assertThat(ClassScanner.scan(Fixtures.read(classes, LEGACY)).markerVersion()).isEqualTo(1);
        assertThat(constantPool(classes, LEGACY)).contains("dev/vigil/internal/MethodSite");

        Instrumenter.Result result = Fixtures.instrument(classes);

        assertThat(result.problems()).isEmpty();
        assertThat(result.classes()).isEqualTo(2);
        assertThat(result.recompiled()).isEqualTo(2);
        assertThat(result.methods()).isEqualTo(2);
        for (String name : List.of(LEGACY, TILL)) {
            assertThat(ClassScanner.scan(Fixtures.read(classes, name)).markerVersion()).isEqualTo(InstrumentedMethod.VERSION);
            assertThat(constantPool(classes, name)).doesNotContain("dev/vigil/internal/")
                    .contains("dev/vigil/bytecode/InstrumentedMethod");
            BytecodeTest.Code code = BytecodeTest.Code.of(Fixtures.read(classes, name));
            String method = name.equals(LEGACY) ? "checkout" : "open";
            // one enter and one exit call site: the old instrumentation is gone, not wrapped
            assertThat(code.calls(method)).filteredOn(c -> c.startsWith("dev/vigil/")).containsExactly(
                    "dev/vigil/bytecode/InstrumentedMethod.enter", "dev/vigil/bytecode/InstrumentedMethod.exit");
        }
        assertThat(IndexFile.read(classes)).containsExactly(
                "fixture.LegacyShop#checkout(Ljava/lang/String;)Ljava/lang/String;", "fixture.LegacyShop$Till#open(I)I");

        Vigil.builder().discoverBackends(false).metrics(metrics).install();
        runLegacyShop(classes);
        assertThat(metrics.timings("TIMER legacy.checkout{plan=pro}")).hasSize(1);
        assertThat(metrics.count("COUNTER legacy.till.open{}")).isEqualTo(1);

        byte[] once = Fixtures.read(classes, LEGACY);
        Instrumenter.Result second = Fixtures.instrument(classes);
        assertThat(second.alreadyInstrumented()).isEqualTo(2);
        assertThat(second.recompiled()).isZero();
        assertThat(Fixtures.read(classes, LEGACY)).isEqualTo(once);
    }

    @Test
    void aStaleClassWithoutItsSourceFailsTheRunAskingForACleanBuild() throws Exception {
        Path classes = Fixtures.legacy(dir);
        Files.delete(dir.resolve("src/fixture/LegacyShop.java"));
        byte[] before = Fixtures.read(classes, LEGACY);

        assertThatThrownBy(() -> Fixtures.instrument(classes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LEGACY + " was instrumented by a vigil-maven-plugin of another version")
                .hasMessageContaining(TILL + " was instrumented")
                .hasMessageContaining("fixture/LegacyShop.java is in none of the source roots")
                .hasMessageContaining("mvn clean verify");
        assertThat(Fixtures.read(classes, LEGACY)).isEqualTo(before);
    }

    @Test
    void classesMarkedByANewerPluginAreInstrumentedAgainForThisVersion() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", BytecodeTest.SHOP));
        Fixtures.instrument(classes, InstrumentedMethod.VERSION + 1);
        assertThat(ClassScanner.scan(Fixtures.read(classes, "fixture.Shop")).markerVersion())
                .isEqualTo(InstrumentedMethod.VERSION + 1);

        Instrumenter.Result result = Fixtures.instrument(classes);

        assertThat(result.recompiled()).isEqualTo(1);
        assertThat(ClassScanner.scan(Fixtures.read(classes, "fixture.Shop")).markerVersion())
                .isEqualTo(InstrumentedMethod.VERSION);
        Vigil.builder().discoverBackends(false).metrics(metrics).install();
        try (URLClassLoader loader = Fixtures.loader(classes)) {
            Object shop = Class.forName("fixture.Shop", true, loader).getConstructor().newInstance();
            shop.getClass().getMethod("visit", int.class).invoke(shop, 3);
            // compiled again with -parameters, as the class file showed it had been
            assertThat(shop.getClass().getMethod("visit", int.class).getParameters()[0].getName()).isEqualTo("n");
        }
        assertThat(metrics.count("COUNTER shop.visits{}")).isEqualTo(1);
    }

    @Test
    void coreRefusesCodeForAnotherVersionWithOneWarningAndTheMethodsStillRun() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", BytecodeTest.SHOP));
        Fixtures.instrument(classes, InstrumentedMethod.VERSION + 1);
        List<String> warnings = new CopyOnWriteArrayList<>();
        ApiWarnings.resetForTest();
        ApiWarnings.setListener((kind, message) -> warnings.add(message));
        Vigil.builder().discoverBackends(false).metrics(metrics).install();

        try (URLClassLoader loader = Fixtures.loader(classes)) {
            Object shop = Class.forName("fixture.Shop", true, loader).getConstructor().newInstance();
            for (int i = 0; i < 3; i++) {
                assertThat(shop.getClass().getMethod("checkout", String.class).invoke(shop, "pro")).isEqualTo("pro");
                assertThat(shop.getClass().getMethod("visit", int.class).invoke(shop, 7)).isEqualTo(7);
            }
        }

        assertThat(warnings).singleElement().asString()
                .startsWith("fixture.Shop was instrumented for Vigil bytecode interface version "
                        + (InstrumentedMethod.VERSION + 1))
                .contains("record nothing");
        assertThat(metrics.counts).isEmpty();
        assertThat(metrics.timings).isEmpty();
    }

    @Test
    void classesOfThePreviousMarkerFormatStillRunAgainstThisCore() throws Exception {
        Path classes = Fixtures.legacy(dir);
        Vigil.builder().discoverBackends(false).metrics(metrics).install();
        runLegacyShop(classes);
        assertThat(metrics.timings("TIMER legacy.checkout{plan=pro}")).hasSize(1);
        assertThat(metrics.count("COUNTER legacy.till.open{}")).isEqualTo(1);
    }
}
