package dev.vigil.spi;

import dev.vigil.VigilConfig;

/**
 * Discovered with {@link java.util.ServiceLoader} at {@code install()}: each adapter module ships one in
 * {@code META-INF/services/dev.vigil.spi.BackendProvider}, so adding its jar is the whole setup.
 */
public interface BackendProvider {
    /**
     * Creates the backend from Vigil's one configuration surface.
     *
     * @param config resolved configuration (builder, then system properties, then environment)
     * @return the backend, or null when this provider decides not to take part (for example disabled by config)
     */
    VigilBackend create(VigilConfig config);
}
