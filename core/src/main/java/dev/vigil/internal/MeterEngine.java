package dev.vigil.internal;

import dev.vigil.Redaction;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MeterType;
import dev.vigil.spi.MetricsBackend;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Turns (type, name, tags) into a safe meter handle, fast, within the cardinality budgets. The hot path is a
 * lock-free probe of {@link MeterCache}, keyed by the call site's own strings, so a repeated
 * {@code kpi(name).tag(k, v).increment()} costs a few hash compares and allocates nothing. A miss asks the
 * name's {@link MeterFamily}, which knows every tag set of the name whatever their order: a known set is
 * returned, a new one past the budget folds into the overflow series without allocating, and only a new set
 * within the budget pays validation and the backend call, with no lock held across it.
 *
 * <p>Two budgets bound what a process can register: {@code vigil.metrics.max-tag-sets} distinct tag sets per
 * name (then one series tagged only {@code otel.metric.overflow="true"}, as OpenTelemetry does, every fold
 * counted in {@code vigil.metrics.overflow{metric}}), and {@code vigil.metrics.max-names} names (then new
 * names are refused, counted in {@code vigil.metrics.refused}).
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class MeterEngine {
    /** The one tag of an overflow series, as OpenTelemetry's SDK sets it. */
    static final String OVERFLOW_KEY = "otel.metric.overflow";
    static final String OVERFLOW_METER = "vigil.metrics.overflow";
    static final String REFUSED_METER = "vigil.metrics.refused";
    static final int DEFAULT_MAX_NAMES = 10_000;

    private final MetricsBackend[] backends;
    private final MeterFamilies families;
    private final MeterCache cache = new MeterCache();
    volatile boolean closed;
    /** The observation side of the same Vigil, for traced KPIs; set once at build, before any recording. */
    Recorder recorder;
    /** Decides which tag keys are dropped as sensitive; set once at build, before any recording. */
    private Redaction redaction = Redaction.defaults();

    /**
     * @param backends the metrics backends to record into (composed when there are several)
     * @param maxTagSets the most distinct tag sets one name may have before recordings fold into an overflow series
     */
    public MeterEngine(MetricsBackend[] backends, int maxTagSets) {
        this(backends, maxTagSets, DEFAULT_MAX_NAMES);
    }

    /**
     * @param backends the metrics backends to record into (composed when there are several)
     * @param maxTagSets the most distinct tag sets one name may have before recordings fold into an overflow series
     * @param maxNames the most metric names before new names are refused
     */
    public MeterEngine(MetricsBackend[] backends, int maxTagSets, int maxNames) {
        this.backends = backends.clone();
        this.families = new MeterFamilies(this, maxTagSets, maxNames);
    }

    /**
     * Links the observation side, for traced KPIs; called once while building, before any recording.
     *
     * @param recorder the recorder of the same Vigil
     */
    public void recorder(Recorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Sets the policy whose sensitive keys are dropped from tags; called once while building, before any recording.
     *
     * @param redaction the installed policy
     */
    public void redaction(Redaction redaction) {
        this.redaction = redaction;
    }

    /** Stops recording: every handle becomes a no-op that warns. */
    public void close() {
        closed = true;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return the dotted names of the meters registered so far, Vigil's own excepted; a copy */
    public java.util.Set<String> meterNames() {
        return families.names();
    }

    /** @return the backends, for the scrape endpoint */
    public MetricsBackend[] backends() {
        return backends.clone();
    }

    /**
     * Finds the handle for a meter; the fast path of every fluent KPI call and annotated method.
     *
     * @return a {@link SafeCounter}, {@link SafeTimer} or {@link SafeSummary} matching {@code type}
     */
    Object lookup(MeterType type, String name, TagArgs tags, String unit, String description, double[] buckets) {
        if (name == null) {
            ApiWarnings.warn("invalid-meter", "a meter name must not be null; the recording is ignored");
            return NoopHandles.of(type);
        }
        int h = tags.hash(31 * type.hashCode() + name.hashCode());
        Object hit = cache.get(type, name, tags, h);
        if (hit != null) {
            return hit;
        }
        MeterFamily f = families.get(name);
        Object overflow = f == null ? null : f.overflowFor(type, tags);
        return overflow != null ? overflow : miss(type, name, tags, h, unit, description, buckets);
    }

    private Object miss(MeterType type, String name, TagArgs tags, int hash, String unit, String description,
                        double[] buckets) {
        if (closed) {
            warnClosed(name);
            return NoopHandles.of(type);
        }
        MeterFamily f = families.get(name);
        if (f != null && f.type == type) {
            int th = MeterFamily.hash(tags);
            MeterFamily.Series s = f.find(tags, th);
            Object handle = s == null ? null : s.handle;
            if (handle != null) {
                // A known tag set in another order, or one the cache had no room for.
                remember(type, name, tags, hash, handle);
                return handle;
            }
        }
        Object handle = resolve(type, name, tags, tags.toArray(), unit, description, buckets);
        f = families.get(name);
        if (handle != NoopHandles.INSTANCE && f != null && handle != f.overflow()) {
            remember(type, name, tags, hash, handle);
        }
        return handle;
    }

    /** Caches a handle of a series within the budget; overflow and refusals are never cached. */
    private void remember(MeterType type, String name, TagArgs tags, int hash, Object handle) {
        if (cache.hasRoom()) {
            cache.put(new MeterKey(type, name, tags.toArray(), hash, handle));
        }
    }

    /**
     * The slow path: validate, enforce one type per name and both budgets, then ask the backends.
     *
     * @param tags the tags to match (the same as {@code kv})
     * @param kv the tags as alternating keys and values
     */
    private Object resolve(MeterType type, String name, TagArgs tags, String[] kv, String unit, String description,
                           double[] buckets) {
        if (closed) {
            // After close no backend should grow: a late meter would sit empty in a user's registry.
            warnClosed(name);
            return NoopHandles.of(type);
        }
        String problem = MeterNames.checkName(name);
        if (problem == null) {
            problem = MeterNames.checkTags(kv);
            kv = MeterNames.withoutSensitiveKeys(redaction, name, kv);
        }
        if (problem == null) {
            problem = MeterNames.checkBuckets(name, buckets);
        }
        if (problem != null) {
            ApiWarnings.warn("invalid-meter", problem + "; the recording is ignored");
            return NoopHandles.of(type);
        }
        MeterFamily f = families.admit(type, name, "the recording");
        if (f == null) {
            return NoopHandles.of(type);
        }
        // A convention's name takes its HELP text, unit and buckets; any other meter a generated HELP text.
        unit = MeterDefaults.unit(name, unit);
        description = MeterDefaults.description(type, name, description);
        buckets = MeterDefaults.buckets(name, buckets);
        MeterFamily.Series s = f.reserve(tags, MeterFamily.hash(tags), kv);
        if (s == null) {
            f.validated(tags);
            Object o = f.overflow();
            return o != null ? o : Overflows.handle(this, f, unit, description, buckets);
        }
        Object handle = s.handle;
        if (handle == null) {
            // Reserved (by this thread or one still creating it): a backend creates or finds, so both get one meter.
            handle = create(MeterSpec.of(type, name, unit, description, kv, buckets));
            s.handle = handle;
        }
        return handle;
    }

    private Object create(MeterSpec spec) {
        try {
            switch (spec.type()) {
                case COUNTER: return new SafeCounter(this, spec, Composites.counter(backends, spec));
                case TIMER: return new SafeTimer(this, spec, Composites.timer(backends, spec));
                case SUMMARY: return new SafeSummary(this, spec, Composites.summary(backends, spec));
                default: throw new IllegalArgumentException(spec.type().name());
            }
        } catch (RuntimeException | LinkageError e) {
            ApiWarnings.warn("backend-failure", "the metrics backend could not create " + spec + ": " + e
                    + "; the recording is ignored");
            return NoopHandles.of(spec.type());
        }
    }

    /**
     * The meter of a failed call: the call site's tags plus {@code error.type}. Resolved without touching
     * the success meter, so a name that only ever failed shows no empty success series. Failures are rare
     * enough for the slow path.
     */
    Object lookupError(MeterType type, String name, TagArgs tags, String unit, String description, double[] buckets,
                       Throwable error) {
        return resolveWithError(type, name, tags.toArray(), unit, description, buckets, ErrorTypes.of(error));
    }

    /** The same meter as {@code spec} with {@code error.type} added: for failed timed or counted work. */
    Object withErrorType(MeterSpec spec, String errorType) {
        String[] base = new String[2 * spec.tagKeys().size()];
        for (int i = 0; i < spec.tagKeys().size(); i++) {
            base[2 * i] = spec.tagKeys().get(i);
            base[2 * i + 1] = spec.tagValues().get(i);
        }
        return resolveWithError(spec.type(), spec.name(), base, spec.unit(), spec.description(), spec.buckets(), errorType);
    }

    private Object resolveWithError(MeterType type, String name, String[] base, String unit, String description,
                                    double[] buckets, String errorType) {
        if (name == null) {
            ApiWarnings.warn("invalid-meter", "a meter name must not be null; the recording is ignored");
            return NoopHandles.of(type);
        }
        String[] kv = Arrays.copyOf(base, base.length + 2);
        kv[base.length] = "error.type";
        kv[base.length + 1] = errorType;
        return resolve(type, name, MeterFamily.tags(kv), kv, unit, description, buckets);
    }

    /** Registers a gauge whose callback can never throw into the collector; past the budget it folds. */
    <T> void gauge(String name, String[] kv, String unit, String description, T obj, ToDoubleFunction<T> fn) {
        if (closed) {
            warnClosed(name);
            return;
        }
        String problem = MeterNames.checkName(name);
        if (problem == null) {
            problem = MeterNames.checkTags(kv);
            kv = MeterNames.withoutSensitiveKeys(redaction, name, kv);
        }
        if (problem == null && (obj == null || fn == null)) {
            problem = "gauge '" + name + "' needs an object and a function";
        }
        if (problem != null) {
            ApiWarnings.warn("invalid-meter", problem + "; the gauge is ignored");
            return;
        }
        MeterFamily f = families.admit(MeterType.GAUGE, name, "the gauge");
        if (f == null) {
            return;
        }
        unit = MeterDefaults.unit(name, unit);
        description = MeterDefaults.description(MeterType.GAUGE, name, description);
        TagArgs tags = MeterFamily.tags(kv);
        MeterFamily.Series s = f.reserve(tags, MeterFamily.hash(tags), kv);
        if (s == null) {
            Overflows.foldGauge(this, f, unit, description, obj, fn);
            return;
        }
        // Every registration reaches the backends, as before the budget: what a repeated one means is theirs to say.
        MeterSpec spec = MeterSpec.of(MeterType.GAUGE, name, unit, description, kv, null);
        registerGauge(spec, obj, new SafeGaugeFunction<>(name, fn));
        s.handle = Boolean.TRUE;
    }

    /** Registers a gauge with every backend; a backend's failure is a warning, never the host's problem. */
    <T> void registerGauge(MeterSpec spec, T obj, ToDoubleFunction<T> fn) {
        for (MetricsBackend b : backends) {
            try {
                b.gauge(spec, obj, fn);
            } catch (RuntimeException | LinkageError e) {
                ApiWarnings.warn("backend-failure", "the metrics backend could not register gauge " + spec + ": " + e);
            }
        }
    }

    /** @return the backends themselves, not a copy: for the overflow series and Vigil's own counters */
    MetricsBackend[] backendsView() {
        return backends;
    }

    /** @return the family of a name, or null; for tests */
    MeterFamily familyOf(String name) {
        return families.get(name);
    }

    /** @return how many keys the lookup cache holds; for tests */
    int cachedKeys() {
        return cache.size();
    }

    void warnClosed(String name) {
        ApiWarnings.warn("closed", "recording '" + name + "' after Vigil.close() is ignored");
    }

    @Override
    public String toString() {
        return "MeterEngine" + Arrays.toString(backends);
    }
}
