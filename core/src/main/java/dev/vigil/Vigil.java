package dev.vigil;

import dev.vigil.internal.GlobalVigil;
import dev.vigil.internal.ManagementServer;
import dev.vigil.internal.ManualObservation;
import dev.vigil.internal.MeterEngine;
import dev.vigil.internal.NoopObservation;
import dev.vigil.internal.Recorder;
import dev.vigil.spi.VigilBackend;
import java.util.List;

/**
 * The entry point: one instance per service, composed of every backend on the class path, installed as the
 * global one. Before {@link VigilBuilder#install()} (and in tests that never install) {@link #global()} is a
 * cheap no-op, so libraries may record unconditionally.
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder()
 *         .serviceName("shop")
 *         .managementPort(9464)
 *         .install();
 * vigil.kpi("orders.placed").tag("plan", "pro").increment();
 * ...
 * vigil.close();
 * }</pre>
 *
 * <p>Recording calls never throw and never block: bad input is a no-op with a rate-limited warning.
 */
public final class Vigil implements AutoCloseable {
    private static final Vigil NOOP = new Vigil(VigilConfigs.empty(), null, Recorder.NOOP, List.of(), null,
            new HealthRegistry(Redaction.defaults()), Redaction.defaults());

    private final Domains domains = new Domains(this);
    private final VigilParts parts;

    Vigil(VigilConfig config, MeterEngine engine, Recorder recorder, List<VigilBackend> backends,
          ManagementServer server, HealthRegistry health, Redaction redaction) {
        this.parts = new VigilParts(this, config, engine, recorder, backends, server, health, redaction);
    }

    /** @return a builder for the one Vigil of a service */
    public static VigilBuilder builder() {
        return new VigilBuilder();
    }

    /**
     * The installed instance, or a no-op one before install. Cheap: one volatile read.
     *
     * @return the global Vigil
     */
    public static Vigil global() {
        Object v = GlobalVigil.instance();
        return v == null ? NOOP : (Vigil) v;
    }

    /** @return a Vigil that records nothing */
    public static Vigil noop() {
        return NOOP;
    }

    /**
     * Forgets the global instance, without closing it, so that a test can install again. Not for production.
     *
     * @return the instance that was installed, or null
     */
    public static Vigil resetGlobalForTest() {
        return (Vigil) GlobalVigil.reset();
    }

    /**
     * Starts a KPI recording. See {@link Kpi} for the fluent calls.
     *
     * <pre>{@code vigil.kpi("orders.placed").tag("plan", "pro").increment();}</pre>
     *
     * @param name a dotted name such as {@code orders.placed}
     * @return the KPI; a shared no-op when no metrics backend and no observation handler is installed
     */
    public Kpi kpi(String name) {
        return parts.kpi(name);
    }

    /**
     * Describes an observation: a span (with a tracing backend), optionally a timer, the log context and
     * the error report, from one call site. Span ids are assigned and made current even without a tracer,
     * so logs and propagated headers carry the trace.
     *
     * <pre>{@code
     * try (Observation o = vigil.observation("GET /users").kind(SpanKind.CLIENT).start()) {
     *     call();
     * }
     * }</pre>
     *
     * @param name the span name, low-cardinality
     * @return the builder; a shared no-op before install
     */
    public ObservationBuilder observation(String name) {
        Recorder r = parts.recorder();
        return r.isNoop() ? NoopObservation.INSTANCE : new ManualObservation(r, name);
    }

    /**
     * Carries the current context (span, baggage, entries) to other threads: wraps tasks, executors and
     * {@code CompletableFuture}s. The context is JVM-wide, so this works the same on the no-op instance.
     *
     * <pre>{@code
     * ExecutorService pool = vigil.context().wrap(Executors.newFixedThreadPool(8));
     * pool.submit(() -> log.info("runs under the submitter's span"));
     * }</pre>
     *
     * @return the shared {@link dev.vigil.context.ContextPropagation}
     */
    public dev.vigil.context.ContextPropagation context() {
        return dev.vigil.context.ContextPropagation.get();
    }

    /**
     * HTTP instrumentation for the JDK's server and client, after the OpenTelemetry HTTP conventions.
     *
     * <pre>{@code
     * server.createContext("/orders", vigil.http().serverHandler("/orders/{id}", ordersHandler));
     * HttpClient client = vigil.http().client(HttpClient.newHttpClient());
     * }</pre>
     *
     * @return this instance's {@link Http}
     */
    public Http http() {
        return domains.http();
    }

    /**
     * Work queues: {@code vigil.tasks().executor("emails", pool)} measures and traces every task.
     *
     * @return the task entry point
     */
    public Tasks tasks() {
        return domains.tasks();
    }

    /**
     * The metrics of one cache: {@code vigil.cache("users").hit()}. One instance per name, cheap to call per lookup.
     *
     * @param name the cache's name, the {@code cache.name} attribute
     * @return the cache's metrics
     */
    public Cache cache(String name) {
        return domains.cache(name);
    }

    /**
     * Authentication attempts: {@code vigil.auth().attempt("password").success()}.
     *
     * @return the auth entry point
     */
    public Auth auth() {
        return domains.auth();
    }

    /**
     * Object-store operations on one bucket: {@code vigil.storage("documents").upload(size).start()}.
     *
     * @param bucket the bucket's name, the {@code storage.bucket} attribute
     * @return the bucket's operations
     */
    public Storage storage(String bucket) {
        return domains.storage(bucket);
    }

    /**
     * Reports exceptions, messages and breadcrumbs to every installed error backend (Sentry with
     * {@code vigil-errors-sentry}); see {@link Errors}. A no-op costing a few nanoseconds when none is installed.
     *
     * <pre>{@code vigil.errors().capture(e).tag("component", "document-processing").send();}</pre>
     *
     * @return the error reporting of this Vigil
     */
    public Errors errors() {
        return parts.errors();
    }

    /**
     * Generative AI calls after the OpenTelemetry GenAI conventions, with Vigil's cost, budget, fallback, response
     * cache and pipeline metrics; see {@link GenAi} and {@code docs/genai.md}.
     *
     * <pre>{@code
     * try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
     *     call.usage(1200, 350);
     * }
     * }</pre>
     *
     * @return this instance's {@link GenAi}
     */
    public GenAi genAi() {
        return parts.genAi();
    }

    /**
     * Database instrumentation: observed JDBC data sources and connection pool metrics.
     *
     * <pre>{@code DataSource ds = vigil.db().dataSource(hikariDataSource);}</pre>
     *
     * @return this instance's {@link Db}
     */
    public Db db() {
        return domains.db();
    }

    /**
     * Messaging instrumentation: producer and consumer observations carrying the trace in message headers, and
     * queue gauges.
     *
     * @return this instance's {@link Messaging}
     */
    public Messaging messaging() {
        return domains.messaging();
    }

    /**
     * Starts an audit event: an authentication, a data access, an administrative action. See {@link AuditEvent}.
     * Audit events are written on every Vigil, the no-op one and before install included: an audit trail is a
     * record, not sampled telemetry. With {@code vigil-logging-json} they go to the {@code audit} logger with the
     * {@code AUDIT} marker (and {@code audit.log} when files are on), never dropped; without it, as one JSON line
     * to the {@link System.Logger} named {@code audit}.
     *
     * <pre>{@code
     * vigil.audit("auth.login").actor("user-789").target("account/42").outcome(AuditOutcome.FAILURE)
     *      .field("method", "password").log();
     * }</pre>
     *
     * @param action a low-cardinality dotted name such as {@code auth.login}; null or blank gives an event that
     *               logs nothing, with a rate-limited warning
     * @return the event builder
     */
    public AuditEvent audit(String action) {
        if (action == null || action.isBlank()) {
            dev.vigil.internal.ApiWarnings.warn("invalid-audit", "vigil.audit(null or blank action) logs nothing");
            return new AuditEvent(null);
        }
        return new AuditEvent(action);
    }

    /**
     * Starts defining a service level objective; the definition ends with its target. Every mistake (an objective
     * out of range, a latency threshold that is no bucket boundary, a name taken by another SLO) throws
     * {@link IllegalArgumentException} at once. The SLO's rules and burn-rate alerts are part of
     * {@link #operations()}. On the no-op instance the definition is checked and kept nowhere.
     *
     * <pre>{@code
     * vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30)).onHttpRoute("/checkout");
     * vigil.slo("checkout-latency").latency(0.95, Duration.ofMillis(500)).over(Duration.ofDays(30)).onHttpRoute("/checkout");
     * vigil.slo("render-availability").availability(99.5).over(Duration.ofDays(28)).onTimer("invoice.render");
     * }</pre>
     *
     * @param name lower case letters, digits and inner {@code -}, {@code .} or {@code _}: the {@code slo} label
     * @return the definition
     * @throws IllegalArgumentException when the name is invalid
     */
    public SloBuilder slo(String name) {
        return new SloBuilder(name, isNoop() ? slo -> slo : parts.operations()::define);
    }

    /**
     * The generated operations files: Prometheus rules for the SLOs and the conventions in use, their promtool
     * tests, and an example Alertmanager routing. See {@link Operations}.
     *
     * <pre>{@code vigil.operations().writeTo(Path.of("target/vigil"));}</pre>
     *
     * @return this instance's operations
     */
    public Operations operations() {
        return parts.operations();
    }

    /** @return the health checks served at {@code /health} */
    public HealthRegistry health() {
        return parts.health();
    }

    /**
     * The policy for what may leave the process, for code that sends data out itself; the no-op instance has
     * {@link Redaction#defaults()}.
     *
     * <pre>{@code String safe = Vigil.global().redaction().redact(message);}</pre>
     *
     * @return the installed redaction policy
     */
    public Redaction redaction() {
        return parts.redaction();
    }

    /** @return the bound management port, or -1 when no management server runs */
    public int managementPort() {
        return parts.managementPort();
    }

    /** @return the resolved configuration */
    public VigilConfig config() {
        return parts.config();
    }

    /** @return the names of the composed backends, in order */
    public List<String> backendNames() {
        return parts.backends().stream().map(VigilBackend::name).toList();
    }

    /** @return true for the no-op instance */
    public boolean isNoop() {
        return this == NOOP;
    }

    /** @return the wiring behind this instance, for the builder and the entry points in this package */
    VigilParts parts() {
        return parts;
    }

    /**
     * Flushes and stops every backend and the management server, within {@code vigil.shutdown.timeout-ms}
     * overall. Idempotent. Recording afterwards is a no-op with a rate-limited warning, and observations (manual,
     * annotated or traced KPIs) reach no backend's handler: they are uninstalled before the backends close.
     */
    @Override
    public void close() {
        if (!isNoop()) {
            parts.close();
        }
    }

    @Override
    public String toString() {
        return isNoop() ? "Vigil{noop}" : "Vigil{service=" + config().serviceName() + ", backends=" + backendNames() + '}';
    }
}
