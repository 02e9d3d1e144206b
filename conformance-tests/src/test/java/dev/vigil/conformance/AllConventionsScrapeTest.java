package dev.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ConfigSource;
import dev.vigil.Vigil;
import dev.vigil.VigilConfig;
import dev.vigil.conventions.Conventions;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.micrometer.MicrometerMetrics;
import dev.vigil.otel.OtelTracing;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One Vigil with every adapter (Micrometer's Prometheus registry, the OpenTelemetry SDK, JSON logging, Sentry and
 * HikariCP), every domain (HTTP, database, messaging, tasks, cache, auth, storage, GenAI, Vigil's own) driven through its real entry point, and a single scrape that must hold every convention
 * {@link Conventions#all()} lists, each against its row of {@code docs/conventions.md}, with nothing for
 * {@code promtool check metrics} to report. A convention added without traffic here fails this test.
 */
class AllConventionsScrapeTest {
    /** Small budgets, so that the cardinality guard's own metrics can be driven without flooding the scrape. */
    private static final int MAX_TAG_SETS = 20;
    /** Room for every convention and the user KPIs of the traffic; the rest is filled to reach the budget. */
    private static final int MAX_NAMES = Conventions.all().size() + 30;
    private static final Pattern REFUSED = Pattern.compile("(?m)^vigil_metrics_refused_total(\\{[^}]*})? ([0-9.E]+)$");

    private Vigil vigil;
    private DomainTraffic traffic;
    private MicrometerMetrics metrics;

    @AfterEach
    void stop() throws InterruptedException {
        if (traffic != null) {
            traffic.close();
        }
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void oneScrapeHoldsEveryConventionAsDocumentedAndPromtoolReportsNothing() throws Exception {
        metrics = MicrometerMetrics.prometheus();
        vigil = Vigil.builder()
                // Nothing from the machine: an OTEL_* or SENTRY_DSN set where the build runs changes no result.
                .configSource(ConfigSource.of(Map.of()))
                .serviceName("conformance")
                .property(VigilConfig.MAX_TAG_SETS, Integer.toString(MAX_TAG_SETS))
                .property(VigilConfig.MAX_NAMES, Integer.toString(MAX_NAMES))
                .property(VigilConfig.SHUTDOWN_TIMEOUT_MS, "2000")
                .property("otel.bsp.schedule.delay", "20")
                // A loopback port nothing listens on: the module's drop counters exist from start.
                .property("vigil.sentry.dsn", "http://public@127.0.0.1:9/1")
                .genAiPrice("openai", "gpt-4o-mini", 0.15, 0.60, 0.075)
                .genAiPrice("openai", "text-embedding-3-small", 0.02, 0, 0)
                .genAiDailyBudgetUsd(5)
                .metrics(metrics)
                .backend(OtelTracing.builder().useGlobal(false).spanExporter(new RefusingExporter()).build())
                .build();
        assertThat(vigil.backendNames()).contains("micrometer", "otel", "logging-json", "sentry");

        traffic = new DomainTraffic(vigil);
        traffic.http();
        traffic.db("orders-db");
        traffic.messaging();
        traffic.tasks();
        traffic.cache();
        traffic.auth();
        traffic.storage();
        traffic.genAi();
        traffic.kpis();
        vigilsOwn();

        String scrape = scrape();
        List<String> all = Conventions.all().stream().map(MetricConvention::name).collect(Collectors.toList());
        PrometheusConformance.assertConforms(scrape, all.toArray(new String[0]));
        ConventionsTable doc = ConventionsTable.read(Path.of("..", "docs", "conventions.md"));
        assertThat(doc.rows.keySet()).as("rows of docs/conventions.md").containsExactlyElementsOf(all);
        assertThat(doc.violations(scrape)).as("the scrape against docs/conventions.md\n%s", scrape).isEmpty();
        Promtool.assertClean(scrape);
    }

    /**
     * Vigil's self-metrics: a span export that fails ({@code vigil.dropped}), a name past its tag-set budget
     * ({@code vigil.metrics.overflow}), then new names past the process budget ({@code vigil.metrics.refused}), last,
     * since every name after that is refused. The logging and Sentry drop counters exist from start.
     */
    private void vigilsOwn() {
        awaitScrape(s -> s.contains("vigil_dropped_total{"), "the failed span export in vigil_dropped_total");
        for (int i = 0; i <= MAX_TAG_SETS; i++) {
            vigil.kpi("checkout.attempts").tag("shard", Integer.toString(i)).increment();
        }
        for (int i = 0; i < MAX_NAMES && refused(scrape()) == 0; i++) {
            vigil.kpi("filler.n" + i).increment();
        }
        assertThat(refused(scrape())).as("recordings refused past %s names", MAX_NAMES).isPositive();
    }

    private static double refused(String scrape) {
        Matcher m = REFUSED.matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    private String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            metrics.scrapeSource().scrape(null, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void awaitScrape(Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String last = scrape();
        while (!condition.test(last)) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s for %s in\n%s", what, last).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            last = scrape();
        }
    }

    /** An exporter whose every export fails, as a collector that answers 503 would make OTLP's. */
    private static final class RefusingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofFailure();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
