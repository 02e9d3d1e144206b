package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One configuration surface: builder, then system property, then environment; errors at configuration time. */
class VigilConfigTest {
    private static VigilConfig config(Map<String, String> builder, Map<String, String> props, Map<String, String> env) {
        return new VigilConfig(builder, ConfigSource.of(props, env));
    }

    @Test
    void builderWinsOverSystemPropertyWhichWinsOverEnvironment() {
        VigilConfig c = config(Map.of("vigil.environment", "dev"),
                Map.of("vigil.environment", "staging", "vigil.service.version", "2.0"),
                Map.of("VIGIL_ENVIRONMENT", "prod", "VIGIL_SERVICE_VERSION", "1.0", "VIGIL_MANAGEMENT_PORT", "9464"));
        assertThat(c.environment()).isEqualTo("dev");
        assertThat(c.serviceVersion()).isEqualTo("2.0");
        assertThat(c.managementPort()).isEqualTo(9464);
    }

    @Test
    void serviceNameFallsBackToOtelServiceNameThenTheOtelDefault() {
        assertThat(config(Map.of(), Map.of(), Map.of("OTEL_SERVICE_NAME", "billing")).serviceName()).isEqualTo("billing");
        assertThat(config(Map.of(), Map.of(), Map.of("OTEL_SERVICE_NAME", "billing", "VIGIL_SERVICE_NAME", "shop"))
                .serviceName()).isEqualTo("shop");
        assertThat(config(Map.of(), Map.of(), Map.of()).serviceName()).isEqualTo("unknown_service:java");
    }

    @Test
    void unsetPortMeansNoServer() {
        assertThat(config(Map.of(), Map.of(), Map.of()).managementPort()).isEqualTo(-1);
    }

    @Test
    void invalidValuesFailAtConfigurationTimeNamingTheKeyAndItsSource() {
        assertThatThrownBy(() -> config(Map.of(), Map.of(), Map.of("VIGIL_MANAGEMENT_PORT", "http")).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil.management.port")
                .hasMessageContaining("VIGIL_MANAGEMENT_PORT")
                .hasMessageContaining("'http'");
        assertThatThrownBy(() -> config(Map.of(), Map.of("vigil.management.port", "70000"), Map.of()).validate())
                .hasMessageContaining("-Dvigil.management.port").hasMessageContaining("65535");
        assertThatThrownBy(() -> config(Map.of("vigil.metrics.common-tags", "yes"), Map.of(), Map.of()).validate())
                .hasMessageContaining("(builder)").hasMessageContaining("true or false");
        assertThatThrownBy(() -> Vigil.builder().managementPort(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vigil.builder().serviceName(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envNamesAreUpperSnakeCase() {
        assertThat(VigilConfig.envName("otel.exporter.otlp.endpoint")).isEqualTo("OTEL_EXPORTER_OTLP_ENDPOINT");
        assertThat(VigilConfig.envName("vigil.metrics.common-tags")).isEqualTo("VIGIL_METRICS_COMMON_TAGS");
    }
}
