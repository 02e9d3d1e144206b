package dev.vigil;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where Vigil reads the keys the builder does not set: an immutable snapshot of dotted keys (as system
 * properties) and environment variables, taken once. {@link VigilBuilder#install()} uses {@link #system()},
 * taken at install; tests and embedders give their own with {@link VigilBuilder#configSource(ConfigSource)}, so
 * that the machine's environment changes nothing.
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder()
 *         .configSource(ConfigSource.of(Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318")))
 *         .build();
 * }</pre>
 *
 * <p>A key is looked up as itself among the properties, then, in upper case with dots and dashes as
 * underscores ({@link VigilConfig#envName(String)}), among the environment variables. After the snapshot is
 * taken nothing reads the process's system properties or environment again.
 */
public final class ConfigSource {
    /**
     * System property, read by {@link #system()} only: {@code false} makes Vigil read no environment variable,
     * only system properties. Vigil's own build sets it for its tests, so that variables set on the build machine
     * ({@code OTEL_*}, {@code VIGIL_*}) change no result.
     */
    public static final String READ_ENVIRONMENT = "vigil.config.environment";

    private static final ConfigSource EMPTY = new ConfigSource(Map.of(), Map.of(), true);

    private final Map<String, String> properties;
    private final Map<String, String> environment;
    /** Whether the properties stand for system properties, as error messages then say; else a plain map. */
    private final boolean systemProperties;

    private ConfigSource(Map<String, String> properties, Map<String, String> environment, boolean systemProperties) {
        this.properties = properties;
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /**
     * A snapshot of the JVM's system properties and environment variables, taken now. The environment is left
     * out when the system property {@value #READ_ENVIRONMENT} is {@code false}.
     *
     * @return the snapshot; the default source of {@link VigilBuilder}
     */
    public static ConfigSource system() {
        Properties p = System.getProperties();
        Map<String, String> props = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            String v = p.getProperty(name);
            if (v != null) {
                props.put(name, v);
            }
        }
        boolean readEnvironment = !"false".equalsIgnoreCase(String.valueOf(props.get(READ_ENVIRONMENT)).trim());
        Map<String, String> env = readEnvironment ? Map.copyOf(System.getenv()) : Map.of();
        return new ConfigSource(Collections.unmodifiableMap(props), env, true);
    }

    /**
     * Dotted keys and their values, as system properties would give them.
     *
     * <pre>{@code ConfigSource.of(Map.of("vigil.management.port", "0"))}</pre>
     *
     * @param values dotted keys, for example {@code otel.traces.sampler}
     * @return a source holding a copy of the map
     */
    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(Map.copyOf(Objects.requireNonNull(values, "values")), Map.of(), false);
    }

    /**
     * Dotted keys and environment variables, as a process would have them as system properties and environment:
     * for tests of what a deployment's settings do.
     *
     * <pre>{@code ConfigSource.of(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))}</pre>
     *
     * @param properties dotted keys, as system properties
     * @param environment environment variables, for example {@code VIGIL_MANAGEMENT_PORT}
     * @return a source holding copies of both maps
     */
    public static ConfigSource of(Map<String, String> properties, Map<String, String> environment) {
        return new ConfigSource(Map.copyOf(Objects.requireNonNull(properties, "properties")),
                Map.copyOf(Objects.requireNonNull(environment, "environment")), true);
    }

    /** @return a source with nothing set: only the builder's values and the defaults apply */
    public static ConfigSource empty() {
        return EMPTY;
    }

    /**
     * Reads a key: the property of that name, then its environment variable.
     *
     * @param key a dotted key, for example {@code vigil.management.port}
     * @return the raw value (untrimmed), or null when neither is set
     */
    public String get(String key) {
        String v = properties.get(key);
        return v != null ? v : environment.get(VigilConfig.envName(key));
    }

    /**
     * The environment variables of this source, for keys that are families rather than single names (a logging
     * module's {@code VIGIL_LOGGING_LEVEL_<LOGGER>} variables). Empty when the source leaves the environment out.
     *
     * @return the variables, unmodifiable
     */
    public Map<String, String> environmentVariables() {
        return environment;
    }

    /** Says where {@link #get} found a key, for error messages; never the value. */
    String origin(String key) {
        if (properties.containsKey(key)) {
            return systemProperties ? "system property -D" + key : "configuration source";
        }
        return "environment variable " + VigilConfig.envName(key);
    }

    @Override
    public String toString() {
        // Never the values: they may hold credentials.
        return "ConfigSource{" + properties.size() + " properties, " + environment.size() + " environment variables}";
    }
}
