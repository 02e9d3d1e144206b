package dev.vigil;

import dev.vigil.internal.GlobalVigil;
import dev.vigil.internal.InstrumentedMethods;
import dev.vigil.internal.TraceSampler;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.VigilBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Configures and installs the one {@link Vigil} of a service. Everything set here wins over system
 * properties and environment variables (see {@link VigilConfig}). Mistakes fail here, with a message that
 * names the setting, never later at recording time.
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder()
 *         .serviceName("shop").serviceVersion("1.0.0").environment("dev")
 *         .managementPort(9464)        // 0 = ephemeral
 *         .install();                  // discovers every adapter on the class path and goes global
 * }</pre>
 */
public final class VigilBuilder {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil");

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<VigilBackend> explicit = new ArrayList<>();
    private boolean discover = true;
    private ConfigSource source;
    private Redaction redaction;
    private final Map<String, GenAiPrice> genAiPrices = new LinkedHashMap<>();
    private java.time.Clock genAiClock = java.time.Clock.systemUTC();

    VigilBuilder() {
    }

    /**
     * @param name the service name, as OpenTelemetry's {@code service.name}
     * @return this builder
     */
    public VigilBuilder serviceName(String name) {
        return property(VigilConfig.SERVICE_NAME, requireText(name, "serviceName"));
    }

    /**
     * @param version the service version, as {@code service.version}
     * @return this builder
     */
    public VigilBuilder serviceVersion(String version) {
        return property(VigilConfig.SERVICE_VERSION, requireText(version, "serviceVersion"));
    }

    /**
     * @param environment the deployment environment, as {@code deployment.environment.name}
     * @return this builder
     */
    public VigilBuilder environment(String environment) {
        return property(VigilConfig.ENVIRONMENT, requireText(environment, "environment"));
    }

    /**
     * Serves {@code /metrics}, {@code /health}, {@code /health/live} and {@code /health/ready} on this port, with
     * core's own small non-blocking HTTP server (no dependency). See {@code docs/security.md}.
     *
     * @param port 0 to 65535; 0 picks a free port, read it back with {@link Vigil#managementPort()}
     * @return this builder
     */
    public VigilBuilder managementPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("managementPort must be between 0 and 65535, not " + port);
        }
        return property(VigilConfig.MANAGEMENT_PORT, Integer.toString(port));
    }

    /**
     * Requires {@code Authorization: Bearer <token>} on {@code /metrics} and {@code /health}, the same as
     * {@code VIGIL_MANAGEMENT_TOKEN}; without it they answer 401. The probes {@code /health/live} and
     * {@code /health/ready} stay open and show a status only. Prometheus sends the token with its
     * {@code authorization} scrape setting.
     *
     * @param token printable ASCII without spaces; keep it out of source code, read it from a secret store
     * @return this builder
     */
    public VigilBuilder managementToken(String token) {
        return property(VigilConfig.MANAGEMENT_TOKEN, requireText(token, "managementToken"));
    }

    /**
     * @param enabled whether metrics carry the {@code service} and {@code env} common tags (default true)
     * @return this builder
     */
    public VigilBuilder commonTags(boolean enabled) {
        return property(VigilConfig.COMMON_TAGS, Boolean.toString(enabled));
    }

    /**
     * Samples this share of new traces and follows the parent's decision otherwise: OpenTelemetry's
     * {@code parentbased_traceidratio}, the same as {@code OTEL_TRACES_SAMPLER=parentbased_traceidratio}
     * with {@code OTEL_TRACES_SAMPLER_ARG}.
     *
     * @param ratio 0 to 1
     * @return this builder
     */
    public VigilBuilder traceSampleRatio(double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("traceSampleRatio must be between 0 and 1, not " + ratio);
        }
        property(TraceSampler.SAMPLER, "parentbased_traceidratio");
        return property(TraceSampler.SAMPLER_ARG, Double.toString(ratio));
    }

    /**
     * Sets any configuration key, as a system property or environment variable would.
     *
     * @param key a dotted key from {@code docs/configuration.md}
     * @param value its value
     * @return this builder
     */
    public VigilBuilder property(String key, String value) {
        properties.put(requireText(key, "key"), Objects.requireNonNull(value, "value of " + key));
        return this;
    }

    /**
     * Reads the keys the builder does not set from this source instead of the JVM's system properties and
     * environment ({@link ConfigSource#system()}, taken at {@link #build()}); values set on the builder still win.
     *
     * <pre>{@code
     * Vigil vigil = Vigil.builder()
     *         .configSource(ConfigSource.of(Map.of("vigil.management.port", "0")))  // the machine's variables count for nothing
     *         .build();
     * }</pre>
     *
     * @param source the source; {@link ConfigSource#empty()} for defaults only
     * @return this builder
     */
    public VigilBuilder configSource(ConfigSource source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Uses a metrics backend, such as {@code MicrometerMetrics.of(registry)}; it replaces a discovered
     * backend of the same name and is otherwise added.
     *
     * @param metrics the backend
     * @return this builder
     */
    public VigilBuilder metrics(MetricsBackend metrics) {
        return backend(metrics);
    }

    /**
     * Uses a backend of any signal; it replaces a discovered backend of the same name and is otherwise added.
     *
     * @param backend the backend
     * @return this builder
     */
    public VigilBuilder backend(VigilBackend backend) {
        explicit.add(Objects.requireNonNull(backend, "backend"));
        return this;
    }

    /**
     * Sets what may leave the process: core and every adapter mask with this policy where data leaves (span
     * attributes, exception events, {@code /health} details, log lines, error reports). Default
     * {@link Redaction#defaults()}; {@code vigil.redaction.keys} and {@code vigil.redaction.patterns} add to it.
     *
     * <pre>{@code Vigil.builder().redaction(Redaction.defaults().maskKeys("ssn", "iban")).install();}</pre>
     *
     * @param policy the policy
     * @return this builder
     */
    public VigilBuilder redaction(Redaction policy) {
        this.redaction = Objects.requireNonNull(policy, "redaction");
        return this;
    }

    /**
     * Prices one model, in US dollars per million tokens, for {@code gen_ai.client.cost} and the daily budget; wins
     * over the same model in the price file.
     *
     * <pre>{@code Vigil.builder().genAiPrice("openai", "gpt-4o-mini", 0.15, 0.60, 0.075).install();}</pre>
     *
     * @param provider the provider, in any spelling {@link GenAi#providerName(String)} knows
     * @param model the model, as the request or the response names it
     * @param input the price of input tokens
     * @param output the price of output tokens
     * @param cacheReadInput the price of input tokens read from the provider's prompt cache
     * @return this builder
     * @throws IllegalArgumentException when a price is negative, NaN or infinite, or a name is blank
     */
    public VigilBuilder genAiPrice(String provider, String model, double input, double output, double cacheReadInput) {
        String where = "genAiPrice(" + requireText(provider, "genAiPrice provider") + ", "
                + requireText(model, "genAiPrice model") + ")";
        genAiPrices.put(GenAiPrices.key(provider, model), GenAiPrice.of(input, output, cacheReadInput, where));
        return this;
    }

    /**
     * Reads prices from a file, the format of {@code docs/genai.md}; the same as {@code vigil.genai.prices}. It is
     * read at {@link #build()}, where a missing or malformed file fails naming the setting.
     *
     * @param file the price file
     * @return this builder
     */
    public VigilBuilder genAiPrices(java.nio.file.Path file) {
        return property(VigilConfig.GENAI_PRICES, Objects.requireNonNull(file, "genAiPrices file").toString());
    }

    /**
     * Sets a daily GenAI budget: the gauge {@code gen_ai.budget.used_ratio} is the UTC day's spend over it; the same
     * as {@code vigil.genai.daily-budget-usd}.
     *
     * @param usd the budget in US dollars, more than 0
     * @return this builder
     * @throws IllegalArgumentException when the budget is not a positive finite number
     */
    public VigilBuilder genAiDailyBudgetUsd(double usd) {
        if (!(usd > 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("genAiDailyBudgetUsd must be a positive number of US dollars, not " + usd);
        }
        return property(VigilConfig.GENAI_DAILY_BUDGET_USD, Double.toString(usd));
    }

    /** The clock the daily budget reads its UTC day from; for tests. */
    VigilBuilder genAiClock(java.time.Clock clock) {
        this.genAiClock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * @param enabled whether to discover backends with {@link ServiceLoader} (default true)
     * @return this builder
     */
    public VigilBuilder discoverBackends(boolean enabled) {
        this.discover = enabled;
        return this;
    }

    /**
     * Builds the Vigil, starts its backends and management server, and makes it the global instance that
     * annotated methods record into.
     *
     * @return the installed Vigil
     * @throws IllegalStateException when Vigil is already installed (the cause shows where), or the port is taken
     * @throws IllegalArgumentException when a setting is invalid
     */
    public Vigil install() {
        GlobalVigil.checkNotInstalled();
        Vigil vigil = build();
        try {
            GlobalVigil.install(vigil, vigil.parts().recorder());
        } catch (IllegalStateException raced) {
            vigil.close();
            throw raced;
        }
        dev.vigil.internal.UserIds.install(vigil.config());
        int instrumented = InstrumentedMethods.count(Thread.currentThread().getContextClassLoader());
        LOGGER.log(System.Logger.Level.INFO, installLine(vigil, instrumented));
        return vigil;
    }

    static String installLine(Vigil vigil, int instrumented) {
        return "Vigil installed for service '" + vigil.config().serviceName() + "' with backends " + vigil.backendNames()
                + "; " + instrumented + (instrumented == 1 ? " annotated method" : " annotated methods")
                + " instrumented by vigil-maven-plugin"
                + (instrumented > 0 ? "" : " (a service without @Timed, @Counted or @Traced methods needs none;"
                        + " annotated methods record nothing without it: add the plugin dev.vigil:vigil-maven-plugin"
                        + " with the goals instrument and instrument-tests to the build)")
                + (vigil.managementPort() < 0 ? "" : "; management endpoint on port " + vigil.managementPort());
    }

    /**
     * Builds a Vigil without making it global: for tests and for libraries that want their own instance.
     * Annotated methods record only into the installed one.
     *
     * @return the Vigil
     */
    public Vigil build() {
        return new VigilAssembler(properties, source, explicit, discover, redaction, genAiPrices, genAiClock).assemble();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        return value;
    }
}
