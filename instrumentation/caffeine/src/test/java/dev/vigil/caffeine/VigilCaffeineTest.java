package dev.vigil.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.vigil.Vigil;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Caffeine cache bound with one call, asserted on the real Prometheus scrape. */
class VigilCaffeineTest {
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
    void oneCallBindsHitsMissesLoadsEvictionsAndSize() {
        // Runs maintenance on the caller's thread, so evictions are visible without waiting.
        Cache<String, String> users = VigilCaffeine.build(vigil, "users",
                Caffeine.newBuilder().maximumSize(2).executor(Runnable::run));
        users.put("a", "Ada");
        assertThat(users.getIfPresent("a")).isEqualTo("Ada");
        assertThat(users.getIfPresent("zz")).isNull();
        assertThat(users.get("b", k -> "Bob")).isEqualTo("Bob");
        users.put("c", "Cy");
        users.put("d", "Dee");
        users.cleanUp();

        String text = registry.scrape();

        long evicted = users.stats().evictionCount();
        assertThat(evicted).isPositive();
        assertThat(users.stats().hitCount()).isEqualTo(1);
        assertThat(text).contains("cache_requests_total{cache_name=\"users\",cache_result=\"hit\"} 1.0")
                .contains("cache_requests_total{cache_name=\"users\",cache_result=\"miss\"} 2.0")
                .contains("cache_puts_total{cache_name=\"users\"} 1.0")
                .contains("cache_evictions_total{cache_name=\"users\"} " + evicted + ".0")
                .contains("cache_size{cache_name=\"users\"} " + users.estimatedSize() + ".0");
        PrometheusConformance.assertConforms(text, "cache.requests", "cache.puts", "cache.evictions", "cache.size");
        Promtool.assertClean(text);
    }

    @Test
    void aLoadingCacheBuiltByTheApplicationReportsThroughTheStatsCounter() {
        LoadingCache<Integer, String> squares = Caffeine.newBuilder()
                .recordStats(VigilCaffeine.statsCounter(vigil, "squares"))
                .build(k -> Integer.toString(k * k));
        VigilCaffeine.bindSize(vigil, "squares", squares);
        squares.get(3);
        squares.get(3);
        squares.get(4);

        String text = registry.scrape();

        assertThat(text).contains("cache_requests_total{cache_name=\"squares\",cache_result=\"hit\"} 1.0")
                .contains("cache_requests_total{cache_name=\"squares\",cache_result=\"miss\"} 2.0")
                .contains("cache_puts_total{cache_name=\"squares\"} 2.0")
                .contains("cache_size{cache_name=\"squares\"} 2.0");
    }
}
