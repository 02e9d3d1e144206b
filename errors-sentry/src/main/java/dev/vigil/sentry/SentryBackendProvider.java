package dev.vigil.sentry;

import dev.vigil.VigilConfig;
import dev.vigil.spi.BackendProvider;
import dev.vigil.spi.VigilBackend;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Discovered by {@code Vigil.builder().install()}: adding {@code vigil-errors-sentry} to the class path and setting
 * {@code SENTRY_DSN} is the whole setup. Without a DSN it takes no part and says so once.
 */
public final class SentryBackendProvider implements BackendProvider {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil");
    private static final AtomicBoolean SAID_INERT = new AtomicBoolean();

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public SentryBackendProvider() {
    }

    /**
     * @param config the resolved configuration
     * @return the backend, or null when no DSN is set
     */
    @Override
    public VigilBackend create(VigilConfig config) {
        SentrySettings settings = SentrySettings.from(config);
        if (settings.dsn == null) {
            if (SAID_INERT.compareAndSet(false, true)) {
                LOGGER.log(System.Logger.Level.INFO, "Vigil: vigil-errors-sentry is inert: set SENTRY_DSN or "
                        + SentryErrors.DSN + " to report errors to Sentry");
            }
            return null;
        }
        return SentryErrors.create();
    }
}
