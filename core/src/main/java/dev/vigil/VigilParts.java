package dev.vigil;

import dev.vigil.internal.GlobalVigil;
import dev.vigil.internal.HealthModel;
import dev.vigil.internal.KpiBuilder;
import dev.vigil.internal.ManagementServer;
import dev.vigil.internal.MeterEngine;
import dev.vigil.internal.NoopKpi;
import dev.vigil.internal.Recorder;
import dev.vigil.internal.UnmeteredKpi;
import dev.vigil.internal.operations.OperationsSettings;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.VigilBackend;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one {@link Vigil} is made of behind its API: the resolved configuration, the backends and the meter engine,
 * the recorder that observations go through, the management server, the operations (SLOs and rules), and the parts
 * the builder sets once before the instance is published (error reporting, health model, GenAI settings). Kept apart
 * from {@link Vigil} so that the facade reads as the API; this class also closes the parts, in order.
 */
final class VigilParts {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil");

    private final Vigil vigil;
    private final VigilConfig config;
    private final MeterEngine engine;
    /** Becomes {@link Recorder#NOOP} at close, so that no observation reaches a closed backend's handler. */
    private volatile Recorder recorder;
    private final List<VigilBackend> backends;
    private final ManagementServer server;
    private final HealthRegistry health;
    private final Redaction redaction;
    private final Operations operations;
    private final Object closeLock = new Object();
    private boolean closed;
    /** Set once by the builder before the instance is published; {@link Errors#NONE} otherwise. */
    private Errors errors = Errors.NONE;
    /** Set once by the builder before the instance is published; null on the no-op instance. */
    private HealthModel healthModel;
    /** Set once by the builder before the instance is published, with the prices and budget; none otherwise. */
    private GenAi genAi;

    VigilParts(Vigil vigil, VigilConfig config, MeterEngine engine, Recorder recorder, List<VigilBackend> backends,
               ManagementServer server, HealthRegistry health, Redaction redaction) {
        this.vigil = vigil;
        this.genAi = new GenAi(vigil, GenAiSettings.NONE);
        this.config = config;
        this.engine = engine;
        this.recorder = recorder;
        this.backends = List.copyOf(backends);
        this.server = server;
        this.health = health;
        this.redaction = redaction;
        this.operations = new Operations(vigil, OperationsSettings.of(config)); // checked at build already
        if (server != null) {
            server.operations(operations::file);
        }
    }

    /** @return a KPI recording into the meter engine, an unmetered one for the handlers, or the shared no-op */
    Kpi kpi(String name) {
        MeterEngine e = engine;
        if (e != null) {
            return new KpiBuilder(e, name);
        }
        // No metrics backend: a traced KPI is still a span, and failures still reach the handlers.
        Recorder r = recorder;
        return r.hasHandlers() ? new UnmeteredKpi(r, name) : NoopKpi.INSTANCE;
    }

    VigilConfig config() {
        return config;
    }

    Recorder recorder() {
        return recorder;
    }

    List<VigilBackend> backends() {
        return backends;
    }

    /** @return the dotted names of the meters registered so far, or null without a metrics backend */
    Set<String> meterNames() {
        return engine == null ? null : engine.meterNames();
    }

    HealthRegistry health() {
        return health;
    }

    Redaction redaction() {
        return redaction;
    }

    Operations operations() {
        return operations;
    }

    /** @return the bound management port, or -1 when no management server runs */
    int managementPort() {
        return server == null ? -1 : server.port();
    }

    Errors errors() {
        return errors;
    }

    VigilParts errors(Errors errors) {
        this.errors = errors;
        return this;
    }

    /** @return the request window, queues and status sections behind the built-in checks; null on the no-op instance */
    HealthModel healthModel() {
        return healthModel;
    }

    VigilParts healthModel(HealthModel model) {
        this.healthModel = model;
        StatusSections.register(vigil, model);
        return this;
    }

    GenAi genAi() {
        return genAi;
    }

    VigilParts genAi(GenAiSettings settings) {
        this.genAi = new GenAi(vigil, settings);
        return this;
    }

    /** Closes once: see {@link Vigil#close()} for what that means to the host. */
    void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // First of all: observations started from now on reach no handler of a backend that is about to close.
        Recorder r = recorder;
        recorder = Recorder.NOOP;
        GlobalVigil.uninstallRecorder(r);
        if (engine != null) {
            engine.recorder(null); // traced KPIs become plain ones
        }
        long deadline = System.nanoTime() + Duration.ofMillis(config.getLong(VigilConfig.SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000)).toNanos();
        // Metrics backends last, so the others' final reports (vigil.dropped at flush) reach an open registry.
        for (VigilBackend b : backends) {
            if (!(b instanceof MetricsBackend)) {
                closeBackend(b, deadline);
            }
        }
        for (VigilBackend b : backends) {
            if (b instanceof MetricsBackend) {
                closeBackend(b, deadline);
            }
        }
        // Only now: a backend's last report (vigil.dropped at flush) must still be recorded while it closes.
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static void closeBackend(VigilBackend b, long deadline) {
        long left = Math.max(0, deadline - System.nanoTime());
        try {
            b.close(Duration.ofNanos(left));
        } catch (RuntimeException | LinkageError e) {
            LOGGER.log(System.Logger.Level.WARNING, "Vigil: backend " + b.name() + " failed to close: " + e);
        }
    }
}
