package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Observation;
import dev.vigil.Vigil;
import dev.vigil.testing.PrometheusConformance;
import dev.vigil.testing.Promtool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every kind of meter Vigil emits passes promtool's check with nothing to report, HELP text included. */
@SuppressWarnings("try") // an observation opened for its effect
class ConformanceScrapeTest {
    @Test
    void everyKindOfMeterHasHelpAndUnitAndPromtoolReportsNothing() {
        MicrometerMetrics metrics = MicrometerMetrics.prometheus();
        AtomicInteger depth = new AtomicInteger(3);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).serviceName("shop").metrics(metrics).build()) {
            vigil.kpi("orders.placed").tag("plan", "pro").increment();
            vigil.kpi("invoice.render").time(() -> "pdf");
            vigil.kpi("upload.size").unit("By").buckets(100, 1000).record(512);
            vigil.kpi("cart.items").record(3);
            vigil.kpi("queue.depth").gauge(depth, AtomicInteger::get);
            try (Observation o = vigil.observation("work").timer("work.step").start()) {
                o.tag("step", "one");
            }

            String text = ((io.micrometer.prometheusmetrics.PrometheusMeterRegistry) metrics.registry()).scrape();

            assertThat(text).contains("# HELP orders_placed_total ").contains("# HELP work_step_seconds ");
            Promtool.assertClean(text);
            PrometheusConformance.assertConforms(text);
        }
    }
}
