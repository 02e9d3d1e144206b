package dev.vigil.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.util.FileSize;
import dev.vigil.ConfigSource;
import dev.vigil.VigilConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The {@code vigil.logging.*} keys, resolved once. Logback configures before {@code Vigil.install()}, so these are
 * read through {@link VigilConfig#fromEnvironment()} (system properties, then environment variables) at configure
 * time; at install the backend validates the same keys in the installed configuration. Tests pass their own lookup,
 * so that nothing depends on the machine's environment.
 */
final class LogSettings {
    static final String LEVEL = "vigil.logging.level";
    static final String FORMAT = "vigil.logging.format";
    static final String MAX_LINE_BYTES = "vigil.logging.max-line-bytes";
    static final String QUEUE_SIZE = "vigil.logging.queue-size";
    static final String BLOCK_TIMEOUT_MS = "vigil.logging.block-timeout-ms";
    static final String AUDIT_TIMEOUT_MS = "vigil.logging.audit-timeout-ms";
    static final String FILES_DIR = "vigil.logging.files.dir";
    static final String FILES_MAX_SIZE = "vigil.logging.files.max-size";
    static final String FILES_MAX_HISTORY = "vigil.logging.files.max-history";

    final Level rootLevel;
    final Map<String, Level> loggerLevels;
    final boolean ecs;
    final int maxLineBytes;
    final int queueSize;
    final long blockTimeoutMs;
    final long auditTimeoutMs;
    final String filesDir;
    final FileSize filesMaxSize;
    final int filesMaxHistory;

    private LogSettings(Function<String, String> config, Map<String, Level> loggerLevels) {
        this.rootLevel = parse(get(config, LEVEL, "INFO"), "'" + LEVEL + "'");
        this.loggerLevels = loggerLevels;
        String format = get(config, FORMAT, "json").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("ecs")) {
            throw new IllegalArgumentException("Vigil setting '" + FORMAT + "' must be json or ecs, not '" + format + "'");
        }
        this.ecs = format.equals("ecs");
        this.maxLineBytes = (int) number(config, MAX_LINE_BYTES, 16_384, 1_024, 16_777_216);
        this.queueSize = (int) number(config, QUEUE_SIZE, 8_192, 16, 1_048_576);
        this.blockTimeoutMs = number(config, BLOCK_TIMEOUT_MS, 100, 0, 60_000);
        this.auditTimeoutMs = number(config, AUDIT_TIMEOUT_MS, 1_000, 0, 60_000);
        this.filesDir = get(config, FILES_DIR, null);
        String size = get(config, FILES_MAX_SIZE, "100MB");
        try {
            this.filesMaxSize = FileSize.valueOf(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Vigil setting '" + FILES_MAX_SIZE + "' must be a size such as 100MB, not '" + size + "'", e);
        }
        this.filesMaxHistory = (int) number(config, FILES_MAX_HISTORY, 7, 1, 3_650);
    }

    private static String get(Function<String, String> config, String key, String def) {
        String v = config.apply(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static long number(Function<String, String> config, String key, long def, long min, long max) {
        String v = get(config, key, null);
        if (v == null) {
            return def;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Vigil setting '" + key + "' must be a whole number, not '" + v + "'", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("Vigil setting '" + key + "' must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    /**
     * Reads every key of a configuration, including {@code vigil.logging.level.<logger>} from system properties
     * (the logger name as written) and environment variables ({@code VIGIL_LOGGING_LEVEL_COM_ACME} for
     * {@code com.acme}: lower case, underscores as dots, as Spring Boot does).
     *
     * @throws IllegalArgumentException naming the first invalid key
     */
    static LogSettings from(Function<String, String> config, Properties systemProperties, Map<String, String> environment) {
        Map<String, Level> levels = new LinkedHashMap<>();
        String envPrefix = VigilConfig.envName(LEVEL) + '_';
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().startsWith(envPrefix) && e.getKey().length() > envPrefix.length()) {
                String logger = e.getKey().substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                levels.put(logger, parse(e.getValue(), "environment variable " + e.getKey()));
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(LEVEL + '.') && name.length() > LEVEL.length() + 1) {
                levels.put(name.substring(LEVEL.length() + 1), parse(systemProperties.getProperty(name), "system property -D" + name));
            }
        }
        return new LogSettings(config, levels);
    }

    /**
     * The settings of the process as they are now: system properties, then environment variables, unless
     * {@code vigil.config.environment=false} leaves the environment out, as it does for the rest of Vigil.
     */
    static LogSettings fromEnvironment() {
        return from(VigilConfig.fromEnvironment()::get, System.getProperties(), environment());
    }

    /** The environment variables, or none when {@code vigil.config.environment=false} leaves them out. */
    static Map<String, String> environment() {
        return ConfigSource.system().environmentVariables();
    }

    /** Defaults only, ignoring the environment: the fallback when the environment holds an invalid value. */
    static LogSettings defaults() {
        return from(key -> null, new Properties(), Map.of());
    }

    private static Level parse(String value, String where) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        switch (v) {
            case "TRACE": return Level.TRACE;
            case "DEBUG": return Level.DEBUG;
            case "INFO": return Level.INFO;
            case "WARN": return Level.WARN;
            case "ERROR": return Level.ERROR;
            case "OFF": return Level.OFF;
            default:
                throw new IllegalArgumentException("Vigil logging level " + where
                        + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, not '" + value + "'");
        }
    }
}
