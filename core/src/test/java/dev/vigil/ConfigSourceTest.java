package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration is a snapshot taken once, from a source a test can give; the machine's environment is optional. */
class ConfigSourceTest {

    @Test
    void anExplicitSourceIsReadAndTheBuilderStillWins() {
        Vigil vigil = Vigil.builder().discoverBackends(false).environment("dev")
                .configSource(ConfigSource.of(Map.of("vigil.environment", "staging", "vigil.service.version", "2.0")))
                .build();
        assertThat(vigil.config().environment()).isEqualTo("dev");
        assertThat(vigil.config().serviceVersion()).isEqualTo("2.0");
        assertThat(vigil.config().managementPort()).isEqualTo(-1);
        vigil.close();
    }

    @Test
    void environmentVariablesOfASourceBackTheirDottedKeysAndOtelServiceName() {
        ConfigSource env = ConfigSource.of(Map.of(), Map.of("VIGIL_MANAGEMENT_HOST", "127.0.0.1",
                "OTEL_SERVICE_NAME", "billing"));
        VigilConfig config = Vigil.builder().discoverBackends(false).configSource(env).build().config();
        assertThat(config.get(VigilConfig.MANAGEMENT_HOST)).isEqualTo("127.0.0.1");
        assertThat(config.serviceName()).isEqualTo("billing");
        assertThat(ConfigSource.empty().get("vigil.management.host")).isNull();
    }

    @Test
    void theSnapshotIsTakenAtBuildAndNothingIsReadLater() {
        String key = "vigil.service.version";
        System.setProperty(key, "1.0");
        try {
            Vigil vigil = Vigil.builder().discoverBackends(false).build();
            System.setProperty(key, "2.0");
            assertThat(vigil.config().serviceVersion()).isEqualTo("1.0");
            assertThat(Vigil.builder().discoverBackends(false).build().config().serviceVersion()).isEqualTo("2.0");
            vigil.close();
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void theSystemSourceLeavesTheEnvironmentOutWhenAskedTo() {
        // The machine's PATH stands for any variable: with the switch off it must be invisible.
        String path = System.getenv("PATH");
        String previous = System.getProperty(ConfigSource.READ_ENVIRONMENT);
        try {
            System.setProperty(ConfigSource.READ_ENVIRONMENT, "false");
            assertThat(ConfigSource.system().get("path")).isNull();
            System.setProperty(ConfigSource.READ_ENVIRONMENT, "true");
            assertThat(ConfigSource.system().get("path")).isEqualTo(path);
        } finally {
            if (previous == null) {
                System.clearProperty(ConfigSource.READ_ENVIRONMENT);
            } else {
                System.setProperty(ConfigSource.READ_ENVIRONMENT, previous);
            }
        }
    }

    @Test
    void errorsNameTheKeyAndItsOriginAndToStringShowsNoValue() {
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false)
                .configSource(ConfigSource.of(Map.of("vigil.metrics.common-tags", "yes"))).build())
                .hasMessageContaining("vigil.metrics.common-tags").hasMessageContaining("(configuration source)");
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false)
                .configSource(ConfigSource.of(Map.of(), Map.of("VIGIL_SHUTDOWN_TIMEOUT_MS", "soon"))).build())
                .hasMessageContaining("(environment variable VIGIL_SHUTDOWN_TIMEOUT_MS)");
        assertThat(ConfigSource.of(Map.of("otel.exporter.otlp.headers", "authorization=s3cret")).toString())
                .doesNotContain("s3cret");
        assertThatThrownBy(() -> Vigil.builder().configSource(null)).isInstanceOf(NullPointerException.class);
    }
}
