package dev.vigil.bytecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InMemoryMetrics;
import dev.vigil.Vigil;
import dev.vigil.WarningCollector;
import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Tag;
import dev.vigil.annotation.Timed;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The calls instrumented code makes, driven by hand as generated code would drive them. */
class InstrumentedMethodTest {
    private final InMemoryMetrics metrics = new InMemoryMetrics();

    /** Stands for a class that a plugin of this version instrumented. */
    static final class Shop {
        @Timed("shop.checkout")
        String checkout(@Tag("plan") String plan) {
            return plan;
        }
    }

    /** Stands for a class that a plugin of another version instrumented. */
    static final class Foreign {
        @Counted("foreign.visits")
        void visit() {
        }

        @Counted("foreign.leaves")
        void leave() {
        }
    }

    @BeforeEach
    void install() {
        Vigil.builder().discoverBackends(false).metrics(metrics).install();
    }

    @AfterEach
    void reset() {
        Vigil.resetGlobalForTest();
    }

    @Test
    void theBootstrapResolvesTheCallersMethodOnceAndRecordsThroughIt() {
        InstrumentedMethod site = InstrumentedMethod.bootstrap(MethodHandles.lookup().in(Shop.class), "checkout",
                InstrumentedMethod.class, InstrumentedMethod.VERSION, "checkout", "(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(InstrumentedMethod.of(Shop.class, InstrumentedMethod.VERSION, "checkout",
                "(Ljava/lang/String;)Ljava/lang/String;")).isSameAs(site);

        Object token = site.enter(new Object[] {"pro"});
        assertThat(token).isNotNull();
        site.exit(token, "pro", null);
        assertThat(metrics.count("TIMER shop.checkout{plan=pro}")).isEqualTo(1);
    }

    @Test
    void anUnknownMethodFailsTheLookup() {
        assertThatThrownBy(() -> InstrumentedMethod.of(Shop.class, InstrumentedMethod.VERSION, "missing", "()V"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }

    @Test
    void aClassInstrumentedForAnotherVersionIsRefusedWithOneWarningNamingIt() {
        try (WarningCollector warnings = new WarningCollector()) {
            int newer = InstrumentedMethod.VERSION + 1;
            InstrumentedMethod visit = InstrumentedMethod.of(Foreign.class, newer, "visit", "()V");
            InstrumentedMethod leave = InstrumentedMethod.bootstrap(MethodHandles.lookup().in(Foreign.class), "leave",
                    InstrumentedMethod.class, newer, "leave", "()V");
            for (int i = 0; i < 3; i++) {
                Object token = visit.enter(null);
                assertThat(token).isNull();
                visit.exit(token, null, null);
                leave.exit(leave.enter(null), null, new IllegalStateException("the method's own failure"));
            }
            assertThat(warnings.messages).singleElement().asString()
                    .startsWith(Foreign.class.getName() + " was instrumented for Vigil bytecode interface version " + newer)
                    .contains("implements version " + InstrumentedMethod.VERSION, "record nothing");
        }
        assertThat(metrics.counts).isEmpty();
    }
}
