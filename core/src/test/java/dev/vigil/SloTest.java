package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SLO definitions: the three, and every mistake refused at definition time with a clear message. */
class SloTest {
    private Vigil vigil;

    @BeforeEach
    void build() {
        vigil = Vigil.builder().discoverBackends(false).configSource(ConfigSource.of(Map.of())).serviceName("shop").build();
    }

    @AfterEach
    void close() {
        vigil.close();
    }

    @Test
    void theThreeSlosOfTheApiAreDefinedAndListedInOrder() {
        Slo availability = vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30))
                .onHttpRoute("/checkout");
        Slo latency = vigil.slo("checkout-latency").latency(0.95, Duration.ofMillis(500)).over(Duration.ofDays(30))
                .onHttpRoute("/checkout");
        Slo render = vigil.slo("render-availability").availability(99.5).over(Duration.ofDays(28)).onTimer("invoice.render");

        assertThat(availability.kind()).isEqualTo(Slo.Kind.AVAILABILITY);
        assertThat(availability.errorBudget()).isEqualTo(0.001);
        assertThat(availability.latencyThreshold()).isNull();
        assertThat(latency.objectivePercent()).isEqualTo(95.0);
        assertThat(latency.errorBudget()).isEqualTo(0.05);
        assertThat(latency.latencyThreshold()).isEqualTo(Duration.ofMillis(500));
        assertThat(render.targetType()).isEqualTo(Slo.TargetType.TIMER);
        assertThat(render.target()).isEqualTo("invoice.render");
        assertThat(render.window()).isEqualTo(Duration.ofDays(28));
        assertThat(vigil.operations().slos()).containsExactly(availability, latency, render);
    }

    @Test
    void theWindowIsThirtyDaysUnlessGiven() {
        assertThat(vigil.slo("a").availability(99).onHttpRoute("/a").window()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aLatencyThresholdMustBeABucketBoundaryOfTheTargetsHistogram() {
        assertThatThrownBy(() -> vigil.slo("slow").latency(0.95, Duration.ofMillis(300)).onHttpRoute("/checkout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLO 'slow'").hasMessageContaining("300 ms is not a bucket boundary of"
                        + " http.server.request.duration").hasMessageContaining("0.25, 0.5");
        // A timer publishes the default buckets; a timer named after a convention that convention's.
        assertThat(vigil.slo("render").latency(0.99, Duration.ofMillis(250)).onTimer("invoice.render")).isNotNull();
        assertThatThrownBy(() -> vigil.slo("render-2").latency(0.99, Duration.ofMillis(300)).onTimer("invoice.render"))
                .hasMessageContaining("not a bucket boundary of invoice.render");
        assertThat(vigil.slo("query").latency(0.9, Duration.ofMillis(1)).onTimer("db.client.operation.duration")).isNotNull();
        assertThatThrownBy(() -> vigil.slo("query-2").latency(0.9, Duration.ofMillis(25))
                .onTimer("db.client.operation.duration")).hasMessageContaining("0.001, 0.005, 0.01, 0.05");
        assertThat(vigil.operations().slos()).extracting(Slo::name).containsExactly("render", "query");
    }

    @Test
    void objectivesWindowsNamesAndTargetsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> vigil.slo("a").availability(100)).hasMessageContaining("availability(100.0) must be"
                + " a percentage in (0, 100)");
        assertThatThrownBy(() -> vigil.slo("a").availability(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vigil.slo("a").availability(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vigil.slo("a").latency(1, Duration.ofMillis(500))).hasMessageContaining("quantile 1.0");
        assertThatThrownBy(() -> vigil.slo("a").latency(0.9, Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> vigil.slo("a").over(Duration.ofDays(-1))).hasMessageContaining("window PT-24H");
        assertThatThrownBy(() -> vigil.slo("a").over(Duration.ofMillis(1500))).hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> vigil.slo("Checkout SLO")).hasMessageContaining("SLO name 'Checkout SLO' must be");
        assertThatThrownBy(() -> vigil.slo(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vigil.slo("a").availability(99).onHttpRoute(" ")).hasMessageContaining("route template");
        assertThatThrownBy(() -> vigil.slo("a").availability(99).onTimer("invoice render")).hasMessageContaining("dotted name");
        assertThatThrownBy(() -> vigil.slo("a").onHttpRoute("/a")).hasMessageContaining("needs an objective");
        assertThatThrownBy(() -> vigil.slo("a").availability(99).latency(0.9, Duration.ofSeconds(1)))
                .hasMessageContaining("already has an objective");
        assertThat(vigil.operations().slos()).isEmpty();
    }

    @Test
    void theSameDefinitionTwiceIsOneSloAndAnotherUnderTheSameNameIsRefused() {
        vigil.slo("checkout").availability(99.9).onHttpRoute("/checkout");
        vigil.slo("checkout").availability(99.9).onHttpRoute("/checkout");
        assertThatThrownBy(() -> vigil.slo("checkout").availability(99.5).onHttpRoute("/checkout"))
                .hasMessageContaining("SLO 'checkout' is already defined differently");
        assertThat(vigil.operations().slos()).hasSize(1);
    }

    @Test
    void theNoopInstanceChecksDefinitionsButKeepsNone() {
        assertThat(Vigil.noop().slo("kept-nowhere").availability(99).onHttpRoute("/a").name()).isEqualTo("kept-nowhere");
        assertThatThrownBy(() -> Vigil.noop().slo("a").latency(0.9, Duration.ofMillis(300)).onHttpRoute("/a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Vigil.noop().operations().slos()).isEmpty();
    }
}
