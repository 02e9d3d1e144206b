package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.spi.ObservationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instruments real compiled fixtures and checks what they record into a real, installed Vigil. */
class InstrumenterTest {
    static final String SHOP = """
            package fixture;
            import dev.vigil.annotation.*;
            import java.util.concurrent.CompletableFuture;
            public class Shop {
                @Timed("shop.checkout") @Traced
                public String checkout(@Tag("plan") String plan, int quantity) { return plan + "x" + quantity; }
                @Counted("shop.visits")
                public void visit() { }
                @Timed("shop.fail") @Counted("shop.fail.calls") @Traced
                public String fail(RuntimeException e) { throw e; }
                @Timed("shop.async")
                public CompletableFuture<String> later(CompletableFuture<String> f) { return f; }
                @Counted("shop.total")
                public long total(int a, long b, double c, @Tag("kind") char kind) { return a + b + (long) c; }
                @Timed("shop.twice")
                public static int twice(int x) { return 2 * x; }
                @Timed
                public double ratio(double a, double b) { return a / b; }
                public String plain() { return "plain"; }
            }
            """;
    static final String SUPPLIER = """
            package fixture;
            import dev.vigil.annotation.Counted;
            public class Stock implements java.util.function.Supplier<String> {
                @Counted("stock.get") @Override public String get() { return "stock"; }
            }
            """;
    static final String GREETER = """
            package fixture;
            import dev.vigil.annotation.*;
            public interface Greeter {
                @Counted("greeter.hello") default String hello(@Tag("lang") String lang) { return "hello " + lang; }
                @Counted("greeter.make") static Greeter make() { return new Greeter() { }; }
            }
            """;

    @TempDir
    static Path dir;
    static Instrumenter.Result result;
    static URLClassLoader loader;
    static Object shop;

    final RecordingBackends.Metrics metrics = new RecordingBackends.Metrics();
    final RecordingBackends.Tracing tracing = new RecordingBackends.Tracing();

    @BeforeAll
    static void instrument() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", SHOP, "fixture.Stock", SUPPLIER,
                "fixture.Greeter", GREETER));
        result = Fixtures.instrument(classes);
        loader = Fixtures.loader(classes);
        // Initializing links and verifies the class with the JVM's default verification of non-boot classes.
        shop = Class.forName("fixture.Shop", true, loader).getConstructor().newInstance();
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
    }

    @AfterEach
    void reset() {
        Vigil.resetGlobalForTest();
    }

    private void install() {
        Vigil.builder().discoverBackends(false).metrics(metrics).backend(tracing).install();
    }

    private static Object call(String method, Object... args) throws Throwable {
        for (Method m : shop.getClass().getMethods()) {
            if (m.getName().equals(method)) {
                try {
                    return m.invoke(shop, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + method);
    }

    @Test
    void reportsWhatItDid() {
        assertThat(result.problems()).isEmpty();
        assertThat(result.classes()).isEqualTo(3);
        assertThat(result.methods()).isEqualTo(10);
        assertThat(result.alreadyInstrumented()).isZero();
    }

    @Test
    void worksUnchangedWithoutVigil() throws Throwable {
        assertThat(call("checkout", "pro", 2)).isEqualTo("prox2");
        assertThat(call("twice", 21)).isEqualTo(42);
        assertThat(call("plain")).isEqualTo("plain");
        call("visit");
        assertThat(metrics.counts).isEmpty();
        assertThat(tracing.events).isEmpty();
    }

    @Test
    void timesWithTagsAndTraces() throws Throwable {
        install();
        assertThat(call("checkout", "pro", 3)).isEqualTo("prox3");
        assertThat(metrics.timings("TIMER shop.checkout{plan=pro}")).hasSize(1);
        assertThat(metrics.timings).containsOnlyKeys("TIMER shop.checkout{plan=pro}");
        assertThat(tracing.events).containsExactly("start Shop.checkout", "scope Shop.checkout", "stop Shop.checkout");
        ObservationContext span = tracing.stopped.get(0);
        List<String> attributes = new ArrayList<>();
        for (int i = 0; i < span.attributeCount(); i++) {
            attributes.add(span.attributeKey(i) + "=" + span.attributeValue(i));
        }
        assertThat(attributes).containsExactly("plan=pro", "code.function.name=fixture.Shop.checkout");
        assertThat(span.kind()).isEqualTo(dev.vigil.SpanKind.INTERNAL);
        assertThat(span.error()).isNull();
    }

    @Test
    void countsVoidMethods() throws Throwable {
        install();
        call("visit");
        call("visit");
        assertThat(metrics.count("COUNTER shop.visits{}")).isEqualTo(2);
    }

    @Test
    void rethrowsTheSameExceptionAndRecordsItsType() throws Throwable {
        install();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> call("fail", boom)).isSameAs(boom);
        assertThat(metrics.timings("TIMER shop.fail{error.type=java.lang.IllegalStateException}")).hasSize(1);
        assertThat(metrics.count("COUNTER shop.fail.calls{error.type=java.lang.IllegalStateException}")).isEqualTo(1);
        assertThat(metrics.timings("TIMER shop.fail{}")).isEmpty();
        assertThat(tracing.events).containsExactly("start Shop.fail", "scope Shop.fail",
                "stop Shop.fail java.lang.IllegalStateException");
        assertThat(tracing.stopped.get(0).error()).isSameAs(boom);
    }

    @Test
    void timesACompletableFutureUntilItCompletes() throws Throwable {
        install();
        CompletableFuture<String> f = new CompletableFuture<>();
        assertThat(call("later", f)).isSameAs(f);
        long delay = 100_000_000L;
        Thread.sleep(delay / 1_000_000);
        assertThat(metrics.timings).isEmpty();
        f.complete("done");
        assertThat(metrics.timings("TIMER shop.async{}")).singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(delay));
    }

    @Test
    void primitiveArgumentsAndResults() throws Throwable {
        install();
        assertThat(call("total", 1, 2L, 3.5d, 'x')).isEqualTo(6L);
        assertThat(call("ratio", 1d, 4d)).isEqualTo(0.25d);
        assertThat(metrics.count("COUNTER shop.total{kind=x}")).isEqualTo(1);
        // no name given: the default of MethodSite, <class>.<method> in lower snake case
        assertThat(metrics.timings("TIMER shop.ratio{}")).hasSize(1);
    }

    @Test
    void staticMethods() throws Throwable {
        install();
        assertThat(call("twice", 4)).isEqualTo(8);
        assertThat(metrics.timings("TIMER shop.twice{}")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void genericOverrideIsCountedOnceThroughItsBridge() throws Exception {
        install();
        Supplier<String> stock = (Supplier<String>) Class.forName("fixture.Stock", true, loader).getConstructor().newInstance();
        assertThat(stock.get()).isEqualTo("stock");
        assertThat(metrics.count("COUNTER stock.get{}")).isEqualTo(1);
    }

    @Test
    void interfaceDefaultAndStaticMethods() throws Exception {
        install();
        Class<?> greeter = Class.forName("fixture.Greeter", true, loader);
        Object g = greeter.getMethod("make").invoke(null);
        assertThat(greeter.getMethod("hello", String.class).invoke(g, "en")).isEqualTo("hello en");
        assertThat(metrics.count("COUNTER greeter.make{}")).isEqualTo(1);
        assertThat(metrics.count("COUNTER greeter.hello{lang=en}")).isEqualTo(1);
    }

    @Test
    void writesTheIndex() throws Exception {
        assertThat(IndexFile.read(dir.resolve("classes"))).containsExactly(
                "fixture.Greeter#hello(Ljava/lang/String;)Ljava/lang/String;",
                "fixture.Greeter#make()Lfixture/Greeter;",
                "fixture.Shop#checkout(Ljava/lang/String;I)Ljava/lang/String;",
                "fixture.Shop#fail(Ljava/lang/RuntimeException;)Ljava/lang/String;",
                "fixture.Shop#later(Ljava/util/concurrent/CompletableFuture;)Ljava/util/concurrent/CompletableFuture;",
                "fixture.Shop#ratio(DD)D",
                "fixture.Shop#total(IJDC)J",
                "fixture.Shop#twice(I)I",
                "fixture.Shop#visit()V",
                "fixture.Stock#get()Ljava/lang/String;");
        assertThat(result.indexed()).isEqualTo(10);
        assertThat(dev.vigil.internal.InstrumentedMethods.count(loader)).isEqualTo(10);
    }
}
