package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cache, auth and storage conventions, asserted on the real Prometheus scrape and held against promtool. */
@SuppressWarnings("try") // observations opened for their effect
class CacheAuthStorageScrapeTest {
    private PrometheusMeterRegistry registry;
    private Vigil vigil;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vigil = Vigil.builder().discoverBackends(false).commonTags(false)
                .metrics(MicrometerMetrics.builder(registry).jvmMetrics(false).build()).build();
    }

    @AfterEach
    void tearDown() {
        vigil.close();
        registry.close();
    }

    @Test
    void cacheCountsHitsMissesPutsEvictionsAndReadsItsSize() {
        AtomicLong entries = new AtomicLong(41);
        vigil.cache("users").hit();
        vigil.cache("users").hit();
        vigil.cache("users").miss();
        vigil.cache("users").put();
        vigil.cache("users").eviction();
        vigil.cache("users").size(entries::get);
        entries.incrementAndGet();

        String text = registry.scrape();

        assertThat(vigil.cache("users")).isSameAs(vigil.cache("users"));
        assertThat(text).contains("cache_requests_total{cache_name=\"users\",cache_result=\"hit\"} 2.0")
                .contains("cache_requests_total{cache_name=\"users\",cache_result=\"miss\"} 1.0")
                .contains("cache_puts_total{cache_name=\"users\"} 1.0")
                .contains("cache_evictions_total{cache_name=\"users\"} 1.0")
                .contains("cache_size{cache_name=\"users\"} 42.0");
        PrometheusConformance.assertConforms(text, "cache.requests", "cache.puts", "cache.evictions", "cache.size");
        Promtool.assertClean(text);
    }

    @Test
    void authCountsAttemptsByResultAndFailuresByReasonWithoutUserLabels() {
        vigil.auth().attempt("password").success();
        vigil.auth().attempt("password").failure("bad_password");
        vigil.auth().attempt("password").failure("bad_password");
        vigil.auth().attempt("oauth2").failure("expired_token");

        String text = registry.scrape();

        assertThat(text).contains("auth_attempts_total{auth_method=\"password\",auth_result=\"success\"} 1.0")
                .contains("auth_attempts_total{auth_method=\"password\",auth_result=\"failure\"} 2.0")
                .contains("auth_attempts_total{auth_method=\"oauth2\",auth_result=\"failure\"} 1.0")
                .contains("auth_failures_total{auth_failure_reason=\"bad_password\",auth_method=\"password\"} 2.0")
                .contains("auth_failures_total{auth_failure_reason=\"expired_token\",auth_method=\"oauth2\"} 1.0")
                .doesNotContain("user");
        PrometheusConformance.assertConforms(text, "auth.attempts", "auth.failures");
        Promtool.assertClean(text);
    }

    @Test
    void storageTimesOperationsWithErrorTypeAndRecordsBytes() {
        try (Observation o = vigil.storage("documents").upload(2_000_000).start()) {
            o.attribute("object.key.length", 12L);
        }
        try (Observation o = vigil.storage("documents").download(500).start()) {
            o.error(new IOException("connection reset"));
        }
        try (Observation o = vigil.storage("documents").delete().start()) {
            o.event("deleted");
        }

        String text = registry.scrape();

        assertThat(text).contains("storage_operation_duration_seconds_count{storage_bucket=\"documents\","
                        + "storage_operation=\"upload\"} 1")
                .contains("storage_operation_duration_seconds_count{error_type=\"java.io.IOException\","
                        + "storage_bucket=\"documents\",storage_operation=\"download\"} 1")
                .contains("storage_operation_duration_seconds_count{storage_bucket=\"documents\","
                        + "storage_operation=\"delete\"} 1")
                .contains("storage_operation_size_bytes_bucket{storage_bucket=\"documents\",storage_operation=\"upload\","
                        + "le=\"8388608.0\"} 1")
                .contains("storage_operation_size_bytes_sum{storage_bucket=\"documents\",storage_operation=\"upload\"}"
                        + " 2000000.0");
        PrometheusConformance.assertConforms(text, "storage.operation.duration", "storage.operation.size");
        Promtool.assertClean(text);
    }
}
