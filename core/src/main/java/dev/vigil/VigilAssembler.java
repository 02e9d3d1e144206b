package dev.vigil;

import dev.vigil.internal.BearerToken;
import dev.vigil.internal.BuiltInChecks;
import dev.vigil.internal.HealthModel;
import dev.vigil.internal.HealthSettings;
import dev.vigil.internal.ManagementServer;
import dev.vigil.internal.MeterEngine;
import dev.vigil.internal.Recorder;
import dev.vigil.internal.TraceSampler;
import dev.vigil.internal.operations.OperationsSettings;
import dev.vigil.spi.BackendContext;
import dev.vigil.spi.BackendProvider;
import dev.vigil.spi.ErrorBackend;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.ScrapeSource;
import dev.vigil.spi.VigilBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Makes a {@link Vigil} from what was set on a {@link VigilBuilder}: takes the one snapshot of the configuration,
 * checks every setting (so that a mistake fails here, naming its key), resolves the redaction policy and the
 * backends, starts them, and wires the meter engine, the recorder, the health model and the management server.
 * When anything fails, the backends started so far are closed before the failure reaches the caller.
 */
final class VigilAssembler {
    private final Map<String, String> properties;
    private final ConfigSource source;
    private final List<VigilBackend> explicit;
    private final boolean discover;
    private final Redaction redaction;
    private final Map<String, GenAiPrice> genAiPrices;
    private final Clock genAiClock;

    /**
     * @param source null for {@link ConfigSource#system()}
     * @param redaction the builder's policy, null for the defaults; the configuration only ever adds to it
     */
    VigilAssembler(Map<String, String> properties, ConfigSource source, List<VigilBackend> explicit, boolean discover,
                   Redaction redaction, Map<String, GenAiPrice> genAiPrices, Clock genAiClock) {
        this.properties = properties;
        this.source = source;
        this.explicit = explicit;
        this.discover = discover;
        this.redaction = redaction;
        this.genAiPrices = genAiPrices;
        this.genAiClock = genAiClock;
    }

    /** @return the Vigil, its backends and management server started, not installed */
    Vigil assemble() {
        // The one read of system properties and environment: everything after works on this snapshot.
        VigilConfig config = VigilConfigs.of(properties, source != null ? source : ConfigSource.system());
        config.validate();
        HealthSettings healthSettings = HealthSettings.from(config); // throws naming a bad vigil.health.* key
        OperationsSettings.of(config); // vigil.operations.*: fail here, naming the key
        GenAiSettings genAi = GenAiSettings.resolve(config, genAiPrices, genAiClock);
        TraceSampler sampler = TraceSampler.fromConfig(config);
        Redaction policy = RedactionSettings.resolve(redaction, config);
        List<VigilBackend> backends = resolveBackends(config, policy);
        try {
            Vigil vigil = startAndWire(config, sampler, backends, policy, healthSettings);
            vigil.parts().genAi(genAi);
            return vigil;
        } catch (RuntimeException | Error e) {
            closeAll(backends, e);
            throw e;
        }
    }

    private static Vigil startAndWire(VigilConfig config, TraceSampler sampler, List<VigilBackend> backends,
                                      Redaction policy, HealthSettings healthSettings) {
        List<MetricsBackend> metrics = new ArrayList<>();
        List<ObservationHandler> handlers = new ArrayList<>();
        for (VigilBackend b : backends) {
            if (b instanceof MetricsBackend) {
                metrics.add((MetricsBackend) b);
            }
            ObservationHandler h = b.observationHandler();
            if (h != null) {
                handlers.add(h);
            }
        }
        MeterEngine engine = metrics.isEmpty() ? null
                : new MeterEngine(metrics.toArray(new MetricsBackend[0]), (int) config.getLong(VigilConfig.MAX_TAG_SETS, 2000, 1, 1_000_000),
                        (int) config.getLong(VigilConfig.MAX_NAMES, 10_000, 1, 1_000_000));
        if (engine != null) {
            engine.redaction(policy);
        }
        // The health registry comes first: backends register their own checks (drops, exporters) as they start.
        HealthRegistry health = new HealthRegistry(policy,
                Duration.ofMillis(config.getLong(VigilConfig.HEALTH_TIMEOUT_MS, 2_000, 1, 60_000)));
        BackendContext context = new InstalledBackendContext(config, engine, policy, health);
        for (VigilBackend b : backends) {
            b.start(context);
        }
        HealthModel model = new HealthModel(config.serviceName(), healthSettings, System::nanoTime);
        BuiltInChecks.register(health, model);
        BearerToken token = BearerToken.of(config.get(VigilConfig.MANAGEMENT_TOKEN), VigilConfig.MANAGEMENT_TOKEN);
        int port = config.managementPort();
        ManagementServer server = port < 0 ? null
                : ManagementServer.start(config.get(VigilConfig.MANAGEMENT_HOST, "0.0.0.0"), port, token,
                        health::runAllAsync, health.timeout(), scrapeSource(metrics)).healthModel(model);
        Recorder recorder = new Recorder(engine, handlers.toArray(new ObservationHandler[0]), sampler);
        if (engine != null) {
            engine.recorder(recorder);
        }
        Vigil vigil = new Vigil(config, engine, recorder, backends, server, health, policy);
        vigil.parts().errors(Errors.of(errorBackends(backends))).healthModel(model);
        return vigil;
    }

    /**
     * Closes backends of a build that failed, newest first: a backend that failed half-way through its start may hold
     * threads or sockets too. The original failure is the one to report; a failed close is attached to it.
     */
    private static void closeAll(List<VigilBackend> backends, Throwable failure) {
        for (int i = backends.size() - 1; i >= 0; i--) {
            try {
                backends.get(i).close(Duration.ofSeconds(1));
            } catch (RuntimeException | LinkageError e) {
                failure.addSuppressed(e);
            }
        }
    }

    private List<VigilBackend> resolveBackends(VigilConfig config, Redaction policy) {
        Map<String, VigilBackend> byName = new LinkedHashMap<>();
        if (discover) {
            try {
                for (BackendProvider p : ServiceLoader.load(BackendProvider.class, VigilAssembler.class.getClassLoader())) {
                    VigilBackend b;
                    try {
                        b = p.create(config);
                    } catch (RuntimeException | LinkageError e) {
                        throw new IllegalStateException("Vigil backend provider " + p.getClass().getName()
                                + " failed to start: " + policy.redact(e.getMessage()), e);
                    }
                    if (b != null) {
                        byName.put(b.name(), b);
                    }
                }
            } catch (IllegalStateException | ServiceConfigurationError e) {
                // The providers before the failing one made backends that may hold resources already.
                RuntimeException failure = e instanceof IllegalStateException ? (IllegalStateException) e
                        : new IllegalStateException("Vigil could not load a backend provider: " + e.getMessage(), e);
                closeAll(new ArrayList<>(byName.values()), failure);
                throw failure;
            }
        }
        for (VigilBackend b : explicit) {
            VigilBackend replaced = byName.put(b.name(), b);
            if (replaced != null && replaced != b) {
                try {
                    replaced.close(Duration.ZERO);
                } catch (RuntimeException ignored) {
                    // a discovered backend that is replaced before use has nothing worth reporting
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static List<ErrorBackend> errorBackends(List<VigilBackend> backends) {
        List<ErrorBackend> out = new ArrayList<>();
        for (VigilBackend b : backends) {
            if (b instanceof ErrorBackend) {
                out.add((ErrorBackend) b);
            }
        }
        return out;
    }

    private static ScrapeSource scrapeSource(List<MetricsBackend> metrics) {
        for (MetricsBackend m : metrics) {
            ScrapeSource s = m.scrapeSource();
            if (s != null) {
                return s;
            }
        }
        return null;
    }

}
