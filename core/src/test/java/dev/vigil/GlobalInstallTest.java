package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The global is a cheap no-op before install, set once, and says where the first install happened. */
class GlobalInstallTest {
    @AfterEach
    void reset() {
        Vigil old = Vigil.resetGlobalForTest();
        if (old != null) {
            old.close();
        }
    }

    @Test
    void globalIsANoOpBeforeInstall() {
        assertThat(Vigil.global().isNoop()).isTrue();
        assertThat(Vigil.global().managementPort()).isEqualTo(-1);
        Vigil.global().kpi("x").increment();
    }

    @Test
    void installMakesTheInstanceGlobal() {
        Vigil vigil = Vigil.builder().serviceName("shop").discoverBackends(false).metrics(new InMemoryMetrics()).install();
        assertThat(Vigil.global()).isSameAs(vigil);
        assertThat(vigil.config().serviceName()).isEqualTo("shop");
        assertThat(vigil.backendNames()).containsExactly("in-memory");
    }

    @Test
    void aSecondInstallFailsAndNamesTheFirst() {
        Vigil first = Vigil.builder().serviceName("shop").discoverBackends(false).install();
        assertThatThrownBy(() -> Vigil.builder().serviceName("shop").discoverBackends(false).install())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already installed")
                .hasMessageContaining("shop")
                .cause().hasMessageContaining("first Vigil.install() was called here")
                .satisfies(c -> assertThat(c.getStackTrace()).anyMatch(e -> e.getMethodName().equals("aSecondInstallFailsAndNamesTheFirst")));
        assertThat(Vigil.global()).isSameAs(first);
    }

    @Test
    void resetAllowsAnotherInstall() {
        Vigil first = Vigil.builder().discoverBackends(false).install();
        assertThat(Vigil.resetGlobalForTest()).isSameAs(first);
        first.close();
        assertThat(Vigil.global().isNoop()).isTrue();
        Vigil second = Vigil.builder().discoverBackends(false).install();
        assertThat(Vigil.global()).isSameAs(second);
    }

    @Test
    void aBackendsLastReportAtCloseIsRecordedBeforeMetricsClose() {
        java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        InMemoryMetrics metrics = new InMemoryMetrics() {
            @Override
            public void close(java.time.Duration timeout) {
                order.add("metrics");
            }
        };
        dev.vigil.spi.VigilBackend exporter = new dev.vigil.spi.VigilBackend() {
            private dev.vigil.spi.BackendContext context;

            @Override
            public String name() {
                return "exporter";
            }

            @Override
            public void start(dev.vigil.spi.BackendContext context) {
                this.context = context;
            }

            @Override
            public void close(java.time.Duration timeout) {
                context.dropped("exporter", "queue_full", 3);
                order.add("exporter");
            }
        };
        Vigil vigil = Vigil.builder().discoverBackends(false).metrics(metrics).backend(exporter).build();
        vigil.close();
        assertThat(order).containsExactly("exporter", "metrics");
        assertThat(metrics.sum("COUNTER vigil.dropped{backend=exporter,reason=queue_full}")).isEqualTo(3.0);
    }

    @Test
    void explicitBackendReplacesTheOneOfTheSameName() {
        InMemoryMetrics a = new InMemoryMetrics();
        InMemoryMetrics b = new InMemoryMetrics();
        Vigil vigil = Vigil.builder().discoverBackends(false).metrics(a).metrics(b).build();
        vigil.kpi("x").increment();
        assertThat(a.specs).isEmpty();
        assertThat(b.specs).containsKey("COUNTER x{}");
        vigil.close();
    }
}
