package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The harness itself: it passes a conforming scrape and names every kind of violation. */
class PrometheusConformanceTest {
    private static final String HELP = "# HELP cache_requests_total Cache lookups, by cache and result (hit or miss).\n";

    @Test
    void aConformingCounterPasses() {
        String scrape = HELP + "# TYPE cache_requests_total counter\n"
                + "cache_requests_total{cache_name=\"users\",cache_result=\"hit\"} 2.0\n";
        assertThat(PrometheusConformance.violations(scrape, "cache.requests")).isEmpty();
    }

    @Test
    void aMissingRequiredAttributeAWrongTypeAndAMissingHelpAreNamed() {
        String scrape = "# TYPE cache_requests_total gauge\ncache_requests_total{cache_name=\"users\"} 2.0\n";
        assertThat(PrometheusConformance.violations(scrape)).hasSize(3)
                .anySatisfy(v -> assertThat(v).contains("TYPE gauge, expected counter"))
                .anySatisfy(v -> assertThat(v).contains("HELP"))
                .anySatisfy(v -> assertThat(v).contains("lacks required attribute cache.result"));
    }

    @Test
    void bucketsMustBeExactlyTheConventions() {
        String scrape = "# HELP storage_operation_duration_seconds Duration of object-storage operations, by bucket and"
                + " operation.\n# TYPE storage_operation_duration_seconds histogram\n"
                + "storage_operation_duration_seconds_bucket{storage_bucket=\"d\",storage_operation=\"upload\",le=\"0.1\"} 1\n"
                + "storage_operation_duration_seconds_bucket{storage_bucket=\"d\",storage_operation=\"upload\",le=\"+Inf\"} 1\n"
                + "storage_operation_duration_seconds_count{storage_bucket=\"d\",storage_operation=\"upload\"} 1\n";
        assertThat(PrometheusConformance.violations(scrape)).singleElement()
                .satisfies(v -> assertThat(v).contains("buckets [0.1], expected [0.005"));
    }

    @Test
    void aMissingUnitSuffixAndAnAbsentRequiredMetricAreNamed() {
        String scrape = "# HELP storage_operation_size x\n# TYPE storage_operation_size histogram\n"
                + "storage_operation_size_count{storage_bucket=\"d\",storage_operation=\"upload\"} 1\n";
        assertThat(PrometheusConformance.violations(scrape, "task.duration"))
                .anySatisfy(v -> assertThat(v).contains("task.duration: no series of task_duration_seconds"))
                .anySatisfy(v -> assertThat(v).contains("rendered as storage_operation_size, expected "
                        + "storage_operation_size_bytes"));
        assertThatThrownBy(() -> PrometheusConformance.assertConforms(scrape)).isInstanceOf(AssertionError.class);
    }

    @Test
    void promtoolReportsALintAndPassesACleanScrape() {
        Promtool.assertClean(HELP + "# TYPE cache_requests_total counter\n"
                + "cache_requests_total{cache_name=\"users\",cache_result=\"hit\"} 2.0\n");
        assertThatThrownBy(() -> Promtool.assertClean("# TYPE requests_count gauge\nrequests_count 1\n"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no help text");
    }
}
