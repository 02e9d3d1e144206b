package dev.vigil;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Vigil's one configuration surface, resolved once at install: a key set on the builder wins, then the
 * system property of the same dotted name, then the environment variable (upper case, dots and dashes
 * as underscores). {@code vigil.service.name} thus reads {@code -Dvigil.service.name} and then
 * {@code VIGIL_SERVICE_NAME}, and falls back to {@code OTEL_SERVICE_NAME}. Adapters read their own keys
 * ({@code otel.exporter.otlp.endpoint}, ...) through {@link #get(String)}. Every key is listed in
 * {@code docs/configuration.md}.
 *
 * <p>Immutable: the system properties and environment are a {@link ConfigSource} snapshot taken at install
 * (or the source given to {@link VigilBuilder#configSource(ConfigSource)}); nothing reads them afterwards.
 *
 * <p>Invalid values fail here, at configuration time, with a message that names the key and where the
 * value came from.
 */
public final class VigilConfig {
    /** Key of the service name; env {@code VIGIL_SERVICE_NAME}, fallback {@code OTEL_SERVICE_NAME}. */
    public static final String SERVICE_NAME = "vigil.service.name";
    /** Key of the service version; env {@code VIGIL_SERVICE_VERSION}. */
    public static final String SERVICE_VERSION = "vigil.service.version";
    /** Key of the deployment environment; env {@code VIGIL_ENVIRONMENT}. */
    public static final String ENVIRONMENT = "vigil.environment";
    /** Key of the management port; env {@code VIGIL_MANAGEMENT_PORT}; 0 is ephemeral, unset is no server. */
    public static final String MANAGEMENT_PORT = "vigil.management.port";
    /** Key of the management bind address; default {@code 0.0.0.0}. */
    public static final String MANAGEMENT_HOST = "vigil.management.host";
    /**
     * Key of the token that {@code /metrics} and {@code /health} require as {@code Authorization: Bearer <token>};
     * env {@code VIGIL_MANAGEMENT_TOKEN}; unset, they are open. The probes {@code /health/live} and
     * {@code /health/ready} stay open either way.
     */
    public static final String MANAGEMENT_TOKEN = "vigil.management.token";
    /** Key of how long one health check may take, in milliseconds, before it is reported unhealthy; default 2000. */
    public static final String HEALTH_TIMEOUT_MS = "vigil.health.timeout-ms";
    /** Key that switches the service and environment common tags on metrics; default true. */
    public static final String COMMON_TAGS = "vigil.metrics.common-tags";
    /** Key of the most distinct tag sets one metric name may have; default 2000, as OpenTelemetry. */
    public static final String MAX_TAG_SETS = "vigil.metrics.max-tag-sets";
    /** Key of the most metric names one process may have; default 10000, further names are refused. */
    public static final String MAX_NAMES = "vigil.metrics.max-names";
    /** Key of the shutdown flush timeout in milliseconds; default 10000. */
    public static final String SHUTDOWN_TIMEOUT_MS = "vigil.shutdown.timeout-ms";
    /** Whether each authentication attempt writes an audit event where a logging module takes them; default true. */
    public static final String AUTH_AUDIT = "vigil.auth.audit";
    /** Whether database spans carry the sanitized query text ({@code db.query.text}); false by default. */
    public static final String DB_QUERY_TEXT = "vigil.db.query-text";
    /** Key of more sensitive keys for {@link Redaction}, comma-separated; added to the policy in use. */
    public static final String REDACTION_KEYS = "vigil.redaction.keys";
    /** Key of more sensitive-value regular expressions for {@link Redaction}, separated by whitespace. */
    public static final String REDACTION_PATTERNS = "vigil.redaction.patterns";
    /** Key that lets e-mail addresses through redaction; default false; ignored when the builder sets a policy. */
    public static final String REDACTION_ALLOW_EMAILS = "vigil.redaction.allow-emails";

    /** Key of the GenAI price file (see {@code docs/genai.md}); env {@code VIGIL_GENAI_PRICES}. */
    public static final String GENAI_PRICES = "vigil.genai.prices";
    /** Key of the daily GenAI budget in US dollars, for {@code gen_ai.budget.used_ratio}; unset, no budget. */
    public static final String GENAI_DAILY_BUDGET_USD = "vigil.genai.daily-budget-usd";
    /** Whether GenAI spans carry prompts and completions, redacted and truncated; default false. */
    public static final String GENAI_CAPTURE_CONTENT = "vigil.genai.capture-content";
    /** Key of the most characters of one prompt or completion a GenAI span keeps; default 4096. */
    public static final String GENAI_CONTENT_MAX_LENGTH = "vigil.genai.capture-content.max-length";

    private final Map<String, String> explicit;
    private final ConfigSource source;

    VigilConfig(Map<String, String> explicit, ConfigSource source) {
        this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The configuration Vigil resolves when the builder sets nothing: {@link ConfigSource#system()}, the system
     * properties, then environment variables (unless {@code vigil.config.environment=false}). For code that runs before
     * {@code install()}, such as a logging backend configured by Logback at start-up.
     *
     * <pre>{@code String level = VigilConfig.fromEnvironment().get("vigil.logging.level", "INFO");}</pre>
     *
     * @return a configuration without builder values
     */
    public static VigilConfig fromEnvironment() {
        return new VigilConfig(Map.of(), ConfigSource.system());
    }

    /**
     * Reads a key: builder, then system property, then environment variable.
     *
     * @param key a dotted key, for example {@code vigil.environment} or {@code otel.traces.sampler}
     * @return the value, trimmed, or null when unset or blank
     */
    public String get(String key) {
        String v = explicit.get(key);
        if (v == null) {
            v = source.get(key);
        }
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }

    /**
     * Reads a key with a default.
     *
     * @param key the key
     * @param defaultValue returned when unset
     * @return the value or the default
     */
    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }

    /**
     * Reads a boolean ({@code true} or {@code false}, any case).
     *
     * @param key the key
     * @param defaultValue returned when unset
     * @return the value
     * @throws IllegalArgumentException when the value is neither true nor false
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String v = get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(describe(key) + " must be true or false, not '" + shown(key, v) + "'");
    }

    /**
     * Reads an integer within bounds.
     *
     * @param key the key
     * @param defaultValue returned when unset
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value
     * @throws IllegalArgumentException when the value is not an integer within bounds
     */
    public long getLong(String key, long defaultValue, long min, long max) {
        String v = get(key);
        if (v == null) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            // Not chained: the parser's message repeats the value, which must not leave unredacted.
            throw new IllegalArgumentException(describe(key) + " must be a whole number, not '" + shown(key, v) + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(describe(key) + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    /** @return the service name; never null ({@code unknown_service:java} as OpenTelemetry when unset) */
    public String serviceName() {
        String v = get(SERVICE_NAME);
        if (v == null) {
            v = get("otel.service.name"); // OTEL_SERVICE_NAME, or -Dotel.service.name as OpenTelemetry reads it
        }
        return v == null || v.isBlank() ? "unknown_service:java" : v.trim();
    }

    /** @return the service version, or null */
    public String serviceVersion() {
        return get(SERVICE_VERSION);
    }

    /** @return the deployment environment, or null */
    public String environment() {
        return get(ENVIRONMENT);
    }

    /** @return the management port: -1 for no server, 0 for ephemeral */
    public int managementPort() {
        return (int) getLong(MANAGEMENT_PORT, -1, -1, 65535);
    }

    /**
     * The environment variable that backs a dotted key.
     *
     * @param key a dotted key
     * @return for example {@code VIGIL_MANAGEMENT_PORT} for {@code vigil.management.port}
     */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * A value as an error message may show it: masked whole under a sensitive key, else with the secrets inside it
     * masked. Configuration errors come before the policy is built, so they apply the defaults.
     */
    private static String shown(String key, String value) {
        return Redaction.defaults().redactValue(key, value);
    }

    /**
     * Names a key and where its value came from, for error messages; never the value, which may be a secret.
     *
     * @param key a dotted key
     * @return for example {@code Vigil setting 'vigil.management.port' (environment variable VIGIL_MANAGEMENT_PORT)}
     */
    public String describe(String key) {
        if (explicit.containsKey(key)) {
            return "Vigil setting '" + key + "' (builder)";
        }
        return "Vigil setting '" + key + "' (" + source.origin(key) + ")";
    }

    /** Fails fast on every key core owns, so a typo stops {@code install()} instead of a later request. */
    void validate() {
        managementPort();
        getBoolean(COMMON_TAGS, true);
        getLong(MAX_TAG_SETS, 2000, 1, 1_000_000);
        getLong(MAX_NAMES, 10_000, 1, 1_000_000);
        getLong(SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000);
        getLong(HEALTH_TIMEOUT_MS, 2_000, 1, 60_000);
        getBoolean(AUTH_AUDIT, true);
        getBoolean(DB_QUERY_TEXT, false);
        dev.vigil.internal.UserIds.validate(this);
    }

    @Override
    public String toString() {
        return "VigilConfig{service=" + serviceName() + ", version=" + serviceVersion() + ", environment="
                + environment() + ", managementPort=" + managementPort() + '}';
    }
}
