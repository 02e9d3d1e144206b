package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No recording call throws into the host: each misuse is a no-op with a rate-limited warning. */
class RecordingSafetyTest {
    private final InMemoryMetrics metrics = new InMemoryMetrics();
    private Vigil vigil;
    private WarningCollector warnings;

    @BeforeEach
    void setUp() {
        vigil = Vigil.builder().discoverBackends(false).metrics(metrics).build();
        warnings = new WarningCollector();
    }

    @AfterEach
    void tearDown() {
        warnings.close();
        vigil.close();
    }

    @Test
    void recordsWhatIsValid() {
        vigil.kpi("orders.placed").tag("plan", "pro").increment();
        vigil.kpi("orders.placed").tag("plan", "pro").increment();
        vigil.kpi("orders.revenue").unit("usd").tag("plan", "pro").add(49.0);
        vigil.kpi("cart.items").record(3);
        assertThat(vigil.kpi("invoice.render").time(() -> "pdf")).isEqualTo("pdf");

        assertThat(metrics.sum("COUNTER orders.placed{plan=pro}")).isEqualTo(2.0);
        assertThat(metrics.sum("COUNTER orders.revenue{plan=pro}")).isEqualTo(49.0);
        assertThat(metrics.specs.get("COUNTER orders.revenue{plan=pro}").unit()).isEqualTo("usd");
        assertThat(metrics.sum("SUMMARY cart.items{}")).isEqualTo(3.0);
        assertThat(metrics.count("TIMER invoice.render{}")).isEqualTo(1);
        assertThat(warnings.kinds).isEmpty();
    }

    @Test
    void tagOrderDoesNotSplitAMeter() {
        vigil.kpi("a").tag("x", "1").tag("y", "2").increment();
        vigil.kpi("a").tag("y", "2").tag("x", "1").increment();
        assertThat(metrics.sum("COUNTER a{x=1,y=2}")).isEqualTo(2.0);
        assertThat(metrics.specs).hasSize(1);
    }

    @Test
    void manyTagsHitTheCacheAndStayDistinct() {
        for (int i = 0; i < 3; i++) {
            vigil.kpi("m").tag("a", "1").tag("b", "2").tag("c", "3").tag("d", "4").increment();
            vigil.kpi("m").tag("a", "1").tag("b", "2").tag("c", "3").tag("d", "5").increment();
            vigil.kpi("m").tag("a", "1").tag("b", "2").tag("c", new String("3")).tag("d", "4").increment();
        }
        assertThat(metrics.sum("COUNTER m{a=1,b=2,c=3,d=4}")).isEqualTo(6.0);
        assertThat(metrics.sum("COUNTER m{a=1,b=2,c=3,d=5}")).isEqualTo(3.0);
        assertThat(metrics.specs).hasSize(2);
    }

    @Test
    void nullOrEmptyNameIsANoOpWithAWarning() {
        assertThatCode(() -> {
            vigil.kpi(null).increment();
            vigil.kpi("").increment();
            vigil.kpi("  bad name").increment();
            vigil.kpi(null).time(() -> { });
        }).doesNotThrowAnyException();
        assertThat(metrics.specs).isEmpty();
        assertThat(warnings.kinds).contains("invalid-meter");
        assertThat(warnings.messages).anyMatch(m -> m.contains("must not be null"));
    }

    @Test
    void nullTagIsANoOpWithAWarning() {
        assertThatCode(() -> vigil.kpi("x").tag(null, "v").tag("k", null).increment()).doesNotThrowAnyException();
        assertThat(metrics.specs).isEmpty();
        assertThat(warnings.kinds).containsExactly("invalid-meter");
    }

    @Test
    void nanNegativeAndInfiniteValuesAreIgnoredWithAWarning() {
        vigil.kpi("c").add(Double.NaN);
        vigil.kpi("c").add(-1);
        vigil.kpi("c").add(Double.POSITIVE_INFINITY);
        vigil.kpi("s").record(Double.NaN);
        vigil.kpi("t").timer().recordNanos(-5);
        assertThat(metrics.sum("COUNTER c{}")).isZero();
        assertThat(metrics.count("SUMMARY s{}")).isZero();
        assertThat(metrics.count("TIMER t{}")).isZero();
        assertThat(warnings.kinds).contains("invalid-value");
    }

    @Test
    void aTypeConflictOnOneNameIsANoOpWithAWarning() {
        vigil.kpi("orders").increment();
        assertThat(vigil.kpi("orders").time(() -> 42)).isEqualTo(42);
        vigil.kpi("orders").record(1);
        assertThat(metrics.specs).containsOnlyKeys("COUNTER orders{}");
        assertThat(warnings.kinds).contains("type-conflict");
        assertThat(warnings.messages).anyMatch(m -> m.contains("'orders' is a COUNTER"));
    }

    @Test
    void aGaugeCallbackThatThrowsReadsAsNaN() {
        List<String> queue = new ArrayList<>(List.of("a", "b"));
        vigil.kpi("queue.depth").gauge(queue, List::size);
        vigil.kpi("broken").gauge(queue, q -> {
            throw new IllegalStateException("boom");
        });
        assertThat(metrics.gauges.get("GAUGE queue.depth{}").getAsDouble()).isEqualTo(2.0);
        assertThat(metrics.gauges.get("GAUGE broken{}").getAsDouble()).isNaN();
        assertThat(warnings.kinds).contains("gauge-failure");
    }

    @Test
    void callsAfterCloseAreNoOpsWithAWarning() {
        KpiCounter placed = vigil.kpi("orders.placed").counter();
        placed.increment();
        vigil.close();
        assertThatCode(() -> {
            placed.increment();
            vigil.kpi("orders.placed").increment();
            vigil.kpi("other").record(1);
            vigil.kpi("g").gauge(new Object(), o -> 1);
            assertThat(vigil.kpi("t").time(() -> "still runs")).isEqualTo("still runs");
            vigil.close();
        }).doesNotThrowAnyException();
        assertThat(metrics.sum("COUNTER orders.placed{}")).isEqualTo(1.0);
        assertThat(metrics.count("TIMER t{}")).isZero();
        assertThat(warnings.kinds).contains("closed");
    }

    @Test
    void aBackendThatThrowsOnCreateIsANoOpWithAWarning() {
        metrics.failOnCreate = new IllegalArgumentException("registry says no");
        assertThatCode(() -> vigil.kpi("x").increment()).doesNotThrowAnyException();
        assertThat(warnings.kinds).contains("backend-failure");
    }

    @Test
    void warningsAreRateLimitedPerKind() {
        for (int i = 0; i < 1000; i++) {
            vigil.kpi("c" + i).add(Double.NaN);
        }
        assertThat(warnings.kinds).containsExactly("invalid-value");
    }

    @Test
    void timedWorkThatThrowsIsRecordedWithErrorTypeAndRethrownUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> vigil.kpi("render").tag("doc", "pdf").time(() -> {
            throw boom;
        })).isSameAs(boom);
        vigil.kpi("render").tag("doc", "pdf").time(() -> { });
        assertThat(metrics.count("TIMER render{doc=pdf,error.type=java.lang.IllegalStateException}")).isEqualTo(1);
        assertThat(metrics.count("TIMER render{doc=pdf}")).isEqualTo(1);
    }

    @Test
    void tagSetsBeyondTheBudgetFoldIntoOneOverflowSeries() {
        Vigil small = Vigil.builder().discoverBackends(false).metrics(metrics).property("vigil.metrics.max-tag-sets", "3").build();
        for (int i = 0; i < 50; i++) {
            small.kpi("requests").tag("user", "u" + i).increment();
        }
        assertThat(metrics.specs.keySet()).filteredOn(k -> k.startsWith("COUNTER requests"))
                .containsExactlyInAnyOrder("COUNTER requests{user=u0}", "COUNTER requests{user=u1}",
                        "COUNTER requests{user=u2}", "COUNTER requests{otel.metric.overflow=true}");
        assertThat(metrics.sum("COUNTER requests{otel.metric.overflow=true}")).isEqualTo(47.0);
        assertThat(metrics.sum("COUNTER vigil.metrics.overflow{metric=requests}")).isEqualTo(47.0);
        assertThat(warnings.kinds).containsOnlyOnce("cardinality");
        small.close();
    }

    @Test
    void invalidBucketsAreANoOpWithAWarning() {
        assertThat(vigil.kpi("t").buckets(0.1, Double.NaN).time(() -> 1)).isEqualTo(1);
        vigil.kpi("s").buckets(-1).record(2);
        assertThat(metrics.specs).isEmpty();
        assertThat(warnings.messages).anyMatch(m -> m.contains("bucket boundary NaN"));
    }

    @Test
    void aNewMeterAfterCloseNeverReachesTheBackend() {
        vigil.close();
        vigil.kpi("late").increment();
        assertThat(metrics.specs).isEmpty();
    }

    @Test
    void noBackendMeansASharedNoOp() {
        Vigil none = Vigil.builder().discoverBackends(false).build();
        assertThat(none.kpi("x")).isSameAs(none.kpi("y"));
        assertThat(none.kpi("x").tag("a", "b").time(() -> 7)).isEqualTo(7);
        none.close();
    }
}
