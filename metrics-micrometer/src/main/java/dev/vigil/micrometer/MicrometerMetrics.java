package dev.vigil.micrometer;

import dev.vigil.VigilConfig;
import dev.vigil.spi.BackendContext;
import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.ScrapeSource;
import dev.vigil.spi.SummaryInstrument;
import dev.vigil.spi.TimerInstrument;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

/**
 * Vigil's metrics backend on Micrometer: KPI counters become Micrometer counters ({@code _total} in
 * Prometheus), timers become timers with a seconds histogram (by default the OpenTelemetry HTTP duration
 * buckets, 5 ms to 10 s), summaries become distribution summaries and gauges become weakly held gauges.
 *
 * <p>Without any code, the jar's {@link MicrometerBackendProvider} creates one over a new
 * {@code PrometheusMeterRegistry}. To record into a registry you already have, for example Spring Boot's:
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder()
 *         .serviceName("shop")
 *         .metrics(MicrometerMetrics.of(meterRegistry))          // replaces the discovered one
 *         .install();
 *
 * // or with options:
 * MicrometerMetrics metrics = MicrometerMetrics.builder(meterRegistry)
 *         .jvmMetrics(false)                                     // Actuator already binds them
 *         .commonTags(true)                                      // add service= and env= to this registry
 *         .defaultTimerBuckets(0.01, 0.1, 1, 10)
 *         .build();
 * }</pre>
 *
 * <p>Defaults differ by who owns the registry. For a registry Vigil creates ({@link #prometheus()} and the
 * discovered provider), the common tags {@code service} and {@code env} are added unless
 * {@code vigil.metrics.common-tags=false}, histogram buckets and counters carry exemplars of the current
 * sampled span unless {@code vigil.metrics.exemplars=false}, and the registry is closed with Vigil. For a
 * registry you pass in, common tags are off unless you ask for them, because they are a registry-wide filter
 * that would change your other meters too; its exemplar setup is left as you built it; and Vigil never
 * closes your registry. JVM and system metrics are on in both cases
 * unless {@code vigil.metrics.jvm=false} or {@link Builder#jvmMetrics(boolean) jvmMetrics(false)}, and are
 * skipped when the registry already has them.
 */
public final class MicrometerMetrics implements MetricsBackend {
    private final MeterRegistry registry;
    private final boolean ownsRegistry;
    private final Boolean jvmMetrics;
    private final Boolean commonTags;
    private final CoreSpanExemplars exemplars;
    private final MeterFactory meters;
    private final SystemBinders binders = new SystemBinders();
    private final ServiceVersionGauge serviceVersion = new ServiceVersionGauge();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private MicrometerMetrics(Builder b) {
        this.registry = b.registry;
        this.ownsRegistry = b.ownsRegistry;
        this.jvmMetrics = b.jvmMetrics;
        this.commonTags = b.commonTags;
        this.exemplars = b.exemplars;
        this.meters = new MeterFactory(b.registry, b.defaultTimerBuckets);
    }

    /**
     * Records into a registry you own, with the defaults for it: no common tags, JVM metrics on (unless
     * already bound), and the registry is left open when Vigil closes.
     *
     * @param registry the registry, for example Spring Boot's
     * @return the backend
     */
    public static MicrometerMetrics of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Records into a new {@code PrometheusMeterRegistry} that this backend owns and closes; what the
     * discovered provider does, for when you want it explicitly. Its histograms and counters carry exemplars
     * of the current sampled span unless {@code vigil.metrics.exemplars=false}.
     *
     * @return the backend
     */
    public static MicrometerMetrics prometheus() {
        // The configuration is only known at start(), after the registry exists: the span context is
        // created switched on and start() applies the key.
        CoreSpanExemplars spans = new CoreSpanExemplars();
        return ownedBuilder(PrometheusRegistries.create(spans), spans).build();
    }

    /**
     * Starts a backend over a registry you own, with options.
     *
     * @param registry the registry
     * @return the builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"), false);
    }

    static Builder ownedBuilder(MeterRegistry registry, CoreSpanExemplars exemplars) {
        Builder b = new Builder(registry, true);
        b.exemplars = exemplars;
        return b;
    }

    /** @return the Micrometer registry this backend records into */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return {@code micrometer}, so an explicit backend replaces the discovered one */
    @Override
    public String name() {
        return "micrometer";
    }

    /**
     * Applies the common tags, binds the JVM metrics and the {@code vigil.service.version} gauge, before core records anything. Reads
     * {@code vigil.metrics.common-tags} and {@code vigil.metrics.jvm} for the options not set on the builder,
     * and {@code vigil.metrics.exemplars} for a registry this backend created.
     *
     * @param context what core provides
     */
    @Override
    public void start(BackendContext context) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        VigilConfig config = context.config();
        boolean tags = commonTags != null ? commonTags
                : ownsRegistry && config.getBoolean(VigilConfig.COMMON_TAGS, true);
        boolean jvm = jvmMetrics != null ? jvmMetrics
                : config.getBoolean(MicrometerBackendProvider.JVM_METRICS, true);
        // Read with the others, before anything is bound, so that a typo fails start() with nothing to undo.
        boolean exemplarsOn = exemplars == null || config.getBoolean(MicrometerBackendProvider.EXEMPLARS, true);
        if (tags) {
            // Before the binders, so that the JVM meters carry them too: a common tag is a filter that
            // only applies to meters registered after it.
            Tags common = Tags.of("service", config.serviceName());
            if (config.environment() != null) {
                common = common.and("env", config.environment());
            }
            registry.config().commonTags(common);
        }
        if (jvm) {
            binders.bindTo(registry);
        }
        serviceVersion.bindTo(registry, config);
        if (exemplars != null) {
            exemplars.enabled(exemplarsOn);
        }
    }

    /**
     * After {@link #close}, this and the other meter methods register nothing more: a user's registry
     * outlives Vigil and must not collect empty meters from late calls.
     *
     * @param spec the meter
     * @return a counter over a Micrometer {@code Counter}
     */
    @Override
    public CounterInstrument counter(MeterSpec spec) {
        if (closed.get()) {
            return MicrometerInstruments.CLOSED_COUNTER;
        }
        return new MicrometerInstruments.MicrometerCounter(meters.counter(spec));
    }

    /**
     * @param spec the meter; its buckets, in seconds, override the default ones
     * @return a timer over a Micrometer {@code Timer} with a seconds histogram
     */
    @Override
    public TimerInstrument timer(MeterSpec spec) {
        if (closed.get()) {
            return MicrometerInstruments.CLOSED_TIMER;
        }
        return new MicrometerInstruments.MicrometerTimer(meters.timer(spec));
    }

    /**
     * @param spec the meter; a histogram is published only when it has buckets
     * @return a summary over a Micrometer {@code DistributionSummary}
     */
    @Override
    public SummaryInstrument summary(MeterSpec spec) {
        if (closed.get()) {
            return MicrometerInstruments.CLOSED_SUMMARY;
        }
        return new MicrometerInstruments.MicrometerSummary(meters.summary(spec));
    }

    /**
     * Registers a Micrometer gauge that holds {@code obj} weakly: once it is collected the gauge reads NaN.
     *
     * @param spec the meter
     * @param obj the observed object
     * @param valueFunction reads the value, already guarded by core
     * @param <T> the object type
     */
    @Override
    public <T> void gauge(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
        if (closed.get()) {
            return;
        }
        meters.gauge(spec, obj, valueFunction);
    }

    /**
     * Registers a Micrometer {@code FunctionCounter}, which holds {@code obj} weakly.
     *
     * @param spec the meter
     * @param obj the object holding the count
     * @param valueFunction reads the cumulative count
     * @param <T> the object type
     * @return true: registered, or after close deliberately not
     */
    @Override
    public <T> boolean functionCounter(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
        if (!closed.get()) {
            meters.functionCounter(spec, obj, valueFunction);
        }
        return true;
    }

    /**
     * @return the Prometheus scrape when the registry is (or, as a composite, contains) a
     *     {@code PrometheusMeterRegistry}; otherwise null
     */
    @Override
    public ScrapeSource scrapeSource() {
        return PrometheusScrape.of(registry);
    }

    /**
     * Closes the binders that hold listeners and, when this backend created the registry, the registry.
     * A registry passed in is left open. Idempotent; never throws.
     *
     * @param timeout unused: closing Micrometer does not block
     */
    @Override
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        binders.close();
        serviceVersion.remove(registry);
        if (ownsRegistry) {
            try {
                registry.close();
            } catch (RuntimeException e) {
                System.getLogger("dev.vigil.micrometer").log(System.Logger.Level.WARNING,
                        "Vigil: closing the Micrometer registry failed: " + e);
            } finally {
                if (registry.config().clock() instanceof CoarseClock c) {
                    c.close(); // the last one stops the clock's thread
                }
            }
        }
    }

    @Override
    public String toString() {
        return "MicrometerMetrics{" + registry.getClass().getSimpleName() + (ownsRegistry ? ", owned" : "") + '}';
    }

    /** Options for a {@link MicrometerMetrics}; unset options follow Vigil's configuration. */
    public static final class Builder {
        private final MeterRegistry registry;
        private final boolean ownsRegistry;
        private Boolean jvmMetrics;
        private Boolean commonTags;
        private CoreSpanExemplars exemplars;
        private double[] defaultTimerBuckets = MeterFactory.DEFAULT_TIMER_BUCKETS;

        private Builder(MeterRegistry registry, boolean ownsRegistry) {
            this.registry = registry;
            this.ownsRegistry = ownsRegistry;
        }

        /**
         * @param enabled whether to bind the JVM and system metrics (memory, GC, threads, class loading,
         *     CPU, uptime, file descriptors, disk space, JVM info); default {@code vigil.metrics.jvm}, true
         * @return this builder
         */
        public Builder jvmMetrics(boolean enabled) {
            this.jvmMetrics = enabled;
            return this;
        }

        /**
         * @param enabled whether to add {@code service} and {@code env} as common tags of the registry (all
         *     of its meters registered afterwards); default false for a registry passed in
         * @return this builder
         */
        public Builder commonTags(boolean enabled) {
            this.commonTags = enabled;
            return this;
        }

        /**
         * @param secondsBoundaries the histogram bucket upper bounds of timers that set none, in seconds;
         *     default 0.005 0.01 0.025 0.05 0.075 0.1 0.25 0.5 0.75 1 2.5 5 7.5 10
         * @return this builder
         * @throws IllegalArgumentException when empty, or a boundary is not finite and positive
         */
        public Builder defaultTimerBuckets(double... secondsBoundaries) {
            Objects.requireNonNull(secondsBoundaries, "secondsBoundaries");
            this.defaultTimerBuckets = MeterFactory.checkBuckets(secondsBoundaries, true, "defaultTimerBuckets");
            return this;
        }

        /** @return the backend */
        public MicrometerMetrics build() {
            return new MicrometerMetrics(this);
        }
    }
}
