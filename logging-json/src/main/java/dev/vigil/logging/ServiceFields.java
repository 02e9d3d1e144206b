package dev.vigil.logging;

import dev.vigil.VigilConfig;

/**
 * The service's name, environment and version as log lines carry them: from system properties and environment
 * variables until {@code install()}, then from the installed configuration (which may add builder values).
 */
final class ServiceFields {
    private static volatile ServiceFields current;

    final String name;
    final String environment;
    final String version;

    private ServiceFields(VigilConfig config) {
        this.name = config.serviceName();
        this.environment = config.environment();
        this.version = config.serviceVersion();
    }

    static ServiceFields current() {
        ServiceFields s = current;
        if (s == null) {
            s = new ServiceFields(VigilConfig.fromEnvironment());
            current = s;
        }
        return s;
    }

    static void install(VigilConfig config) {
        current = new ServiceFields(config);
    }

    /** Forgets the installed values, so the next line reads the environment again. */
    static void reset() {
        current = null;
    }
}
