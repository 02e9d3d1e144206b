package dev.vigil;

import dev.vigil.internal.KpiBuilder;
import dev.vigil.internal.MeterEngine;
import dev.vigil.spi.BackendContext;

/**
 * What a backend gets from the Vigil being built: its configuration snapshot, its redaction policy, its health
 * registry, and its meters for the backend's own counts ({@code vigil.dropped}, a module's drop counters).
 */
final class InstalledBackendContext implements BackendContext {
    private final VigilConfig config;
    private final MeterEngine engine;
    private final Redaction redaction;
    private final HealthRegistry health;

    InstalledBackendContext(VigilConfig config, MeterEngine engine, Redaction redaction, HealthRegistry health) {
        this.config = config;
        this.engine = engine;
        this.redaction = redaction;
        this.health = health;
    }

    @Override
    public Redaction redaction() {
        return redaction;
    }

    @Override
    public HealthRegistry health() {
        return health;
    }

    @Override
    public Kpi kpi(String name) {
        return engine == null ? Vigil.noop().kpi(name) : new KpiBuilder(engine, name);
    }

    @Override
    public VigilConfig config() {
        return config;
    }

    @Override
    public void dropped(String backend, String reason, long count) {
        if (engine != null && count > 0) {
            new KpiBuilder(engine, "vigil.dropped").tag("backend", backend).tag("reason", reason).add(count);
        }
    }
}
