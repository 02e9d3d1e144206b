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
 * <p>Reads {@code vigil.metrics.common-tags} (default true) and {@code vigil.metrics.jvm} (default true);
 * an invalid value fails {@code install()}.
 */
public final class MicrometerBackendProvider implements BackendProvider {
    /** Key that switches the JVM and system binders; default true; env {@code VIGIL_METRICS_JVM}. */
    public static final String JVM_METRICS = "vigil.metrics.jvm";

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
        return MicrometerMetrics.ownedBuilder(PrometheusRegistries.create(null))
                .commonTags(commonTags)
                .jvmMetrics(jvm)
                .build();
    }
}
