package dev.vigil.micrometer;

import dev.vigil.conventions.MetricConvention;
import dev.vigil.spi.MeterSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Turns a validated {@link MeterSpec} into a registered Micrometer meter. Kept apart from
 * {@link MicrometerMetrics} so that the mapping rules (units, buckets, histograms) sit in one place.
 */
final class MeterFactory {
    /** The OpenTelemetry HTTP duration bucket advice, in seconds: Vigil's default for every timer. */
    static final double[] DEFAULT_TIMER_BUCKETS = {
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10
    };

    private final MeterRegistry registry;
    private final Duration[] defaultTimerSlos;

    MeterFactory(MeterRegistry registry, double[] defaultTimerBuckets) {
        this.registry = registry;
        this.defaultTimerSlos = toDurations(checkBuckets(defaultTimerBuckets, true, "default timer buckets"));
    }

    Counter counter(MeterSpec spec) {
        return Counter.builder(spec.name())
                .tags(tags(spec))
                .description(spec.description())
                .baseUnit(Units.baseUnit(spec.unit()))
                .register(registry);
    }

    Timer timer(MeterSpec spec) {
        double[] buckets = spec.buckets();
        Duration[] slos = buckets == null ? defaultTimerSlos
                : toDurations(checkBuckets(buckets, true, "timer '" + spec.name() + "' buckets"));
        // SLO boundaries alone make Micrometer publish exactly these `le` buckets; the percentile
        // histogram is switched off explicitly, or it would add its ~70 generated buckets.
        return Timer.builder(spec.name())
                .tags(tags(spec))
                .description(spec.description())
                .publishPercentileHistogram(false)
                .serviceLevelObjectives(slos)
                .register(registry);
    }

    DistributionSummary summary(MeterSpec spec) {
        DistributionSummary.Builder b = DistributionSummary.builder(spec.name())
                .tags(tags(spec))
                .description(spec.description())
                .baseUnit(Units.baseUnit(spec.unit()))
                .publishPercentileHistogram(false);
        double[] buckets = spec.buckets();
        if (buckets != null) {
            b.serviceLevelObjectives(checkBuckets(buckets, false, "summary '" + spec.name() + "' buckets"));
        }
        return b.register(registry);
    }

    <T> void gauge(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
        // Weak, as Micrometer's default, and said out loud: a gauge must never keep its object alive.
        // OpenTelemetry's db.client.connection.count is published as db.client.connections: see publishedName.
        Gauge.builder(MetricConvention.publishedName(spec.name(), MetricConvention.Instrument.GAUGE), obj, valueFunction)
                .strongReference(false)
                .tags(tags(spec))
                .description(spec.description())
                .baseUnit(Units.baseUnit(spec.unit()))
                .register(registry);
    }

    <T> void functionCounter(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
        Tags tags = tags(spec);
        if (registry.find(spec.name()).tags(tags).functionCounter() != null) {
            // Core may register the same object twice when threads race; Micrometer would warn about the second.
            return;
        }
        // Weak, as every function meter of Micrometer: core keeps the object alive as long as it counts.
        FunctionCounter.builder(spec.name(), obj, valueFunction)
                .tags(tags)
                .description(spec.description())
                .baseUnit(Units.baseUnit(spec.unit()))
                .register(registry);
    }

    private static Tags tags(MeterSpec spec) {
        List<String> keys = spec.tagKeys();
        List<String> values = spec.tagValues();
        List<Tag> tags = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            tags.add(Tag.of(keys.get(i), values.get(i)));
        }
        return Tags.of(tags);
    }

    /**
     * Sorts and de-duplicates boundaries; rejects the ones no histogram can use. Core does not check
     * buckets, and throwing here is what the SPI asks for: core turns it into a no-op meter and a warning.
     */
    static double[] checkBuckets(double[] buckets, boolean positive, String what) {
        if (buckets.length == 0) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        double[] sorted = buckets.clone();
        Arrays.sort(sorted);
        for (double b : sorted) {
            if (!Double.isFinite(b) || (positive && b <= 0)) {
                throw new IllegalArgumentException(what + " must be finite" + (positive ? " and positive" : "")
                        + ", not " + Arrays.toString(buckets));
            }
        }
        return Arrays.stream(sorted).distinct().toArray();
    }

    private static Duration[] toDurations(double[] seconds) {
        Duration[] d = new Duration[seconds.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return d;
    }
}
