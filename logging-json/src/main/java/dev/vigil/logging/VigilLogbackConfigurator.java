package dev.vigil.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Loader;

/**
 * Logback's {@link Configurator} SPI: with {@code vigil-logging-json} on the class path and no {@code logback.xml},
 * {@code logback-test.xml} or {@code -Dlogback.configurationFile}, Logback configures itself with Vigil's JSON lines on
 * stdout behind {@link VigilAsyncAppender}, plus files when {@code vigil.logging.files.dir} is set. A user's own file
 * always wins: this configurator then steps aside.
 *
 * <p>Logback configures before {@code Vigil.install()}, so the {@code vigil.logging.*} keys are read here from
 * system properties and environment variables. An invalid value is reported on stderr and replaced by defaults; the
 * same value then fails {@code install()} with a message naming the key.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class VigilLogbackConfigurator extends ContextAwareBase implements Configurator {
    /** Creates the configurator; called by Logback through {@link java.util.ServiceLoader}. */
    public VigilLogbackConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (userConfiguration(Loader.getClassLoaderOfObject(this)) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the user's logback.xml is configured next, as if we were absent
        }
        LogSettings settings;
        try {
            settings = LogSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("Vigil logging: " + e.getMessage() + "; using the defaults"); // Logback is not ready yet
            settings = LogSettings.defaults();
        }
        LogbackSetup.configure(ctx, settings, null);
        Thread hook = new Thread(ctx::stop, "vigil-logging-shutdown"); // writes what is queued before the JVM exits
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException | SecurityException alreadyExiting) {
            // the JVM is shutting down already; nothing more to flush into
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The user's own configuration as Logback's default configurator would find it, or null. */
    static Object userConfiguration(ClassLoader loader) {
        String file = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            return file;
        }
        Object url = Loader.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE, loader);
        return url != null ? url : Loader.getResource(ClassicConstants.AUTOCONFIG_FILE, loader);
    }
}
