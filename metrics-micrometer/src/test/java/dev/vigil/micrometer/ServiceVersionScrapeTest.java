package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The service's release is on the scrape as {@code vigil_service_version}, for the dashboard's deployment markers. */
@SuppressWarnings("try") // Vigil is opened for its gauge
class ServiceVersionScrapeTest {
    @Test
    void theScrapeNamesTheServiceItsVersionAndItsEnvironment() {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).serviceName("shop").serviceVersion("1.4.2")
                .environment("prod").metrics(metrics).build()) {
            String text = ((PrometheusMeterRegistry) metrics.registry()).scrape();

            assertThat(Scrapes.lines(text, "vigil_service_version")).containsExactly("vigil_service_version{"
                    + "deployment_environment_name=\"prod\",env=\"prod\",service=\"shop\",service_name=\"shop\","
                    + "service_version=\"1.4.2\"} 1.0");
            assertThat(text).contains("# HELP vigil_service_version Always 1: the service's name");
            Promtool.assertClean(text);
            PrometheusConformance.assertConforms(text);
        }
    }

    @Test
    void aServiceWithoutVersionOrEnvironmentStillHasOneSeries() {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        try (Vigil vigil = Vigil.builder().discoverBackends(false).serviceName("shop").metrics(metrics).build()) {
            String text = ((PrometheusMeterRegistry) metrics.registry()).scrape();

            assertThat(Scrapes.lines(text, "vigil_service_version")).containsExactly(
                    "vigil_service_version{service=\"shop\",service_name=\"shop\",service_version=\"unknown\"} 1.0");
        }
    }

    @Test
    void aRegistryTheUserOwnsLosesTheGaugeWhenVigilCloses() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Vigil vigil = Vigil.builder().discoverBackends(false).serviceName("shop").serviceVersion("2.0")
                .metrics(MicrometerMetrics.of(registry)).build();
        assertThat(registry.find("vigil.service.version").tag("service.version", "2.0").gauge())
                .satisfies(g -> assertThat(g.value()).isEqualTo(1.0));
        vigil.close();
        assertThat(registry.find("vigil.service.version").gauge()).isNull();
    }
}
