package dev.vigil.micrometer;

import dev.vigil.VigilConfig;
import dev.vigil.spi.BackendProvider;
import dev.vigil.spi.VigilBackend;

/**
 * Found by {@link java.util.ServiceLoader} when Vigil is installed with this jar on the class path: creates
 * a {@link MicrometerMetrics} over a new {@code PrometheusMeterRegistry}, which the management server
 * serves at {@code /metrics}. Adding the jar is the whole setup; a {@code MicrometerMetrics} given to the
 * builder explicitly replaces this one.
 *
 * <p>Reads {@code vigil.metrics.common-tags}, {@code vigil.metrics.jvm} and {@code vigil.metrics.exemplars}
 * (all default true); an invalid value fails {@code install()}.
 */
public final class MicrometerBackendProvider implements BackendProvider {
    /** Key that switches the JVM and system binders; default true; env {@code VIGIL_METRICS_JVM}. */
    public static final String JVM_METRICS = "vigil.metrics.jvm";

    /**
     * Key that switches exemplars (the current sampled span's trace and span ids on histogram buckets and
     * counters, in OpenMetrics scrapes) on registries Vigil creates; default true; env
     * {@code VIGIL_METRICS_EXEMPLARS}. A registry passed in keeps whatever exemplar setup it was built with.
     */
    public static final String EXEMPLARS = "vigil.metrics.exemplars";

    /** Called by {@link java.util.ServiceLoader}. */
    public MicrometerBackendProvider() {
    }

    /**
     * @param config the resolved configuration
     * @return a backend over a new Prometheus registry that it owns and closes
     * @throws IllegalArgumentException when one of its keys is neither true nor false
     */
    @Override
    public VigilBackend create(VigilConfig config) {
        // Read here, not at start(), so that a typo fails before any registry is created.
        boolean commonTags = config.getBoolean(VigilConfig.COMMON_TAGS, true);
        boolean jvm = config.getBoolean(JVM_METRICS, true);
        // Off means no span context at all, so the meters get no exemplar sampler and record as before.
        CoreSpanExemplars exemplars = config.getBoolean(EXEMPLARS, true) ? new CoreSpanExemplars() : null;
        return MicrometerMetrics.ownedBuilder(PrometheusRegistries.create(exemplars), exemplars)
                .commonTags(commonTags)
                .jvmMetrics(jvm)
                .build();
    }
}
