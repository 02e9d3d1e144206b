package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.BackendContext;
import dev.vigil.spi.VigilBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The installed policy: configured by builder and keys, handed to backends, applied to tags, health and config errors. */
class RedactionInstallTest {
    private Vigil vigil;

    /** A builder that the machine's VIGIL_REDACTION_* variables cannot sway: a blank explicit value wins over them. */
    private static VigilBuilder builder() {
        return Vigil.builder().discoverBackends(false).property(VigilConfig.REDACTION_KEYS, "")
                .property(VigilConfig.REDACTION_PATTERNS, "").property(VigilConfig.REDACTION_ALLOW_EMAILS, "");
    }

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void theBuildersPolicyIsInstalledAndHandedToBackends() {
        AtomicReference<Redaction> seen = new AtomicReference<>();
        VigilBackend probe = new VigilBackend() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public void start(BackendContext context) {
                seen.set(context.redaction());
            }

            @Override
            public void close(Duration timeout) {
            }
        };
        Redaction policy = Redaction.defaults().maskKeys("ssn", "iban").maskPattern("acct-[0-9]{6,}").allowEmails(false);
        vigil = builder().redaction(policy).backend(probe).build();
        assertThat(vigil.redaction()).isEqualTo(policy);
        assertThat(seen.get()).isSameAs(vigil.redaction());
        assertThat(Vigil.noop().redaction()).isSameAs(Redaction.defaults());
    }

    @Test
    void configurationKeysAddKeysAndPatterns() {
        vigil = builder()
                .property(VigilConfig.REDACTION_KEYS, "ssn, x-tenant-secret-id")
                .property(VigilConfig.REDACTION_PATTERNS, " acct-[0-9]{6,}   ord-[0-9]{3}\\s[A-Z]+ ")
                .property(VigilConfig.REDACTION_ALLOW_EMAILS, "true")
                .build();
        Redaction r = vigil.redaction();
        assertThat(r.redact("ssn=1 acct-1234567 ord-123 AB bob@example.com password=x"))
                .isEqualTo("ssn=**** **** **** bob@example.com password=****");
        assertThat(r.patterns()).containsExactly("acct-[0-9]{6,}", "ord-[0-9]{3}\\s[A-Z]+");

        Vigil explicit = builder().redaction(Redaction.defaults())
                .property(VigilConfig.REDACTION_ALLOW_EMAILS, "true").property(VigilConfig.REDACTION_KEYS, "ssn").build();
        try {
            assertThat(explicit.redaction().redact("bob@example.com ssn=1")).isEqualTo("**** ssn=****");
        } finally {
            explicit.close();
        }
    }

    @Test
    void badRedactionSettingsFailTheBuildNamingTheKey() {
        assertThatThrownBy(() -> builder()
                .property(VigilConfig.REDACTION_PATTERNS, "acct-(").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vigil.redaction.patterns'");
        assertThatThrownBy(() -> builder()
                .property(VigilConfig.REDACTION_KEYS, "ssn,a b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vigil.redaction.keys'");
    }

    @Test
    void configurationErrorsNameTheKeyAndNeverEchoASensitiveValue() {
        VigilConfig config = new VigilConfig(Map.of("my.api.token", "hunter2", "vigil.shutdown.timeout-ms", "AKIAIOSFODNN7EXAMPLE",
                "feature.enabled", "Bearer abcdef123456"), ConfigSource.empty());
        assertThatThrownBy(() -> config.getLong("my.api.token", 0, 0, 10))
                .hasMessageContaining("'my.api.token'").hasMessageNotContaining("hunter2").hasNoCause();
        assertThatThrownBy(() -> config.getLong("vigil.shutdown.timeout-ms", 0, 0, 10))
                .hasMessageContaining("'vigil.shutdown.timeout-ms'").hasMessageContaining("'****'")
                .hasMessageNotContaining("AKIA").hasNoCause();
        assertThatThrownBy(() -> config.getBoolean("feature.enabled", false))
                .hasMessageContaining("'feature.enabled'").hasMessageContaining("Bearer ****").hasMessageNotContaining("abcdef");
        assertThatThrownBy(() -> builder().property("otel.traces.sampler", "traceidratio")
                .property("otel.traces.sampler.arg", "Bearer abcdef123456").build())
                .hasMessageContaining("otel.traces.sampler.arg").hasMessageNotContaining("abcdef").hasNoCause();
        // Ordinary values are still shown, so the mistake is visible.
        VigilConfig plain = new VigilConfig(Map.of("vigil.shutdown.timeout-ms", "ten"), ConfigSource.empty());
        assertThatThrownBy(() -> plain.getLong("vigil.shutdown.timeout-ms", 0, 0, 10)).hasMessageContaining("'ten'");
    }

    @Test
    void sensitiveTagKeysAreDroppedWithAWarningAndTheRestRecorded() {
        InMemoryMetrics metrics = new InMemoryMetrics();
        vigil = builder().metrics(metrics).redaction(Redaction.defaults().maskKeys("ssn")).build();
        try (WarningCollector warnings = new WarningCollector()) {
            vigil.kpi("logins").tag("plan", "pro").tag("api_key", "k-123").tag("ssn", "123-45-6789").increment();
            vigil.kpi("logins").tag("plan", "pro").tag("api_key", "k-456").increment();
            vigil.kpi("sessions").tag("X-Auth-Token", "t-1").gauge(List.of(1, 2), List::size);

            assertThat(metrics.specs.keySet()).containsExactlyInAnyOrder("COUNTER logins{plan=pro}", "GAUGE sessions{}");
            assertThat(metrics.sums.get("COUNTER logins{plan=pro}").sum()).isEqualTo(2.0);
            assertThat(metrics.gauges.get("GAUGE sessions{}").getAsDouble()).isEqualTo(2.0);
            assertThat(warnings.kinds).contains("sensitive-tag");
            assertThat(String.join("\n", warnings.messages)).contains("'api_key'").contains("'ssn'")
                    .doesNotContain("k-123").doesNotContain("123-45");
        }
    }

    @Test
    void healthDetailsAreRedactedInTheJsonBody() throws Exception {
        vigil = builder().managementPort(0).build();
        vigil.health().register("db", () -> HealthResult.unhealthy("jdbc:postgresql://db/app?user=app&password=hunter2 refused"))
                .register("mail", () -> HealthResult.degraded("bounce from bob@example.com"))
                .register("cache", () -> HealthResult.degraded("cold"));
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.managementPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).doesNotContain("hunter2").doesNotContain("bob@")
                .contains("\"message\":\"jdbc:postgresql://db/app?user=app&password=**** refused\"")
                .contains("\"message\":\"bounce from ****\"").contains("\"message\":\"cold\"");
        assertThat(vigil.health().runAll().get("cache")).isEqualTo(HealthResult.degraded("cold"));
    }
}
