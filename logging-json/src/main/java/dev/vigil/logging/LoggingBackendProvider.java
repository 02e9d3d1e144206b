package dev.vigil.logging;

import dev.vigil.VigilConfig;
import dev.vigil.spi.BackendProvider;
import dev.vigil.spi.VigilBackend;

/**
 * Discovered by {@code Vigil.builder().install()}: ties the Logback setup (which runs before install) to the
 * installed Vigil, see {@link LoggingBackend}.
 */
public final class LoggingBackendProvider implements BackendProvider {
    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public LoggingBackendProvider() {
    }

    @Override
    public VigilBackend create(VigilConfig config) {
        return new LoggingBackend();
    }
}
