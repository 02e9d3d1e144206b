package dev.vigil.internal;

import dev.vigil.Redaction;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MeterType;
import dev.vigil.spi.MetricsBackend;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Turns (type, name, tags) into a safe meter handle, fast. The hot path is a lock-free probe of an
 * immutable-entry, copy-on-write hash table keyed by the call site's own strings, so a repeated
 * {@code kpi(name).tag(k, v).increment()} costs a few hash compares and allocates nothing. Everything
 * else (validation, type conflicts, the cardinality budget, backend calls that may throw) happens once
 * per distinct key on the slow path.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class MeterEngine {
    /** Beyond this many cached keys, new keys resolve on the slow path each time: the cache stays bounded. */
    private static final int MAX_CACHED = 1 << 16;
    static final String OVERFLOW_VALUE = "_OTHER";

    private final MetricsBackend[] backends;
    private final int maxTagSets;
    private final ConcurrentHashMap<String, NameState> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MeterSpec, Object> canonical = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile MeterKey[] table = new MeterKey[64];
    private int size;
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
        this.backends = backends.clone();
        this.maxTagSets = maxTagSets;
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
        MeterKey[] t = table;
        int mask = t.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            MeterKey e = t[i];
            if (e == null) {
                break;
            }
            if (e.matches(type, name, h, tags)) {
                return e.handle;
            }
        }
        return miss(type, name, tags.toArray(), h, unit, description, buckets);
    }

    private Object miss(MeterType type, String name, String[] kv, int hash, String unit, String description,
                        double[] buckets) {
        Object handle = resolve(type, name, kv, unit, description, buckets);
        synchronized (lock) {
            if (size < MAX_CACHED) {
                MeterKey[] t = table;
                if (2 * (size + 1) > t.length) {
                    t = rehash(t, t.length * 2);
                } else {
                    t = t.clone();
                }
                int mask = t.length - 1;
                int i = hash & mask;
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = new MeterKey(type, name, kv, hash, handle);
                size++;
                table = t;
            }
        }
        return handle;
    }

    private static MeterKey[] rehash(MeterKey[] old, int capacity) {
        MeterKey[] t = new MeterKey[capacity];
        int mask = capacity - 1;
        for (MeterKey e : old) {
            if (e != null) {
                int i = e.hash & mask;
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = e;
            }
        }
        return t;
    }

    /** The slow path: validate, enforce one type per name and the tag-set budget, then ask the backends. */
    Object resolve(MeterType type, String name, String[] kv, String unit, String description, double[] buckets) {
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
        NameState state = names.computeIfAbsent(name, n -> new NameState(type));
        if (state.type != type) {
            ApiWarnings.warn("type-conflict", "meter '" + name + "' is a " + state.type
                    + " and cannot also be used as a " + type + "; the recording is ignored");
            return NoopHandles.of(type);
        }
        MeterSpec spec = MeterSpec.of(type, name, unit, description, kv, buckets);
        Object existing = canonical.get(spec);
        if (existing != null) {
            return existing;
        }
        if (state.tagSets.get() >= maxTagSets) {
            ApiWarnings.warn("cardinality", "meter '" + name + "' reached its budget of " + maxTagSets
                    + " tag sets; further tag sets are recorded with every value '" + OVERFLOW_VALUE + "'");
            String[] folded = kv.clone();
            for (int i = 1; i < folded.length; i += 2) {
                folded[i] = OVERFLOW_VALUE;
            }
            spec = MeterSpec.of(type, name, unit, description, folded, buckets);
            existing = canonical.get(spec);
            if (existing != null) {
                return existing;
            }
        }
        MeterSpec finalSpec = spec;
        return canonical.computeIfAbsent(spec, s -> {
            state.tagSets.incrementAndGet();
            return create(finalSpec);
        });
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
        String[] kv = Arrays.copyOf(base, base.length + 2);
        kv[base.length] = "error.type";
        kv[base.length + 1] = errorType;
        return resolve(type, name, kv, unit, description, buckets);
    }

    /** Registers a gauge whose callback can never throw into the collector. */
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
        NameState state = names.computeIfAbsent(name, n -> new NameState(MeterType.GAUGE));
        if (state.type != MeterType.GAUGE) {
            ApiWarnings.warn("type-conflict", "meter '" + name + "' is a " + state.type
                    + " and cannot also be used as a GAUGE; the gauge is ignored");
            return;
        }
        MeterSpec spec = MeterSpec.of(MeterType.GAUGE, name, unit, description, kv, null);
        ToDoubleFunction<T> safe = new SafeGaugeFunction<>(name, fn);
        for (MetricsBackend b : backends) {
            try {
                b.gauge(spec, obj, safe);
            } catch (RuntimeException | LinkageError e) {
                ApiWarnings.warn("backend-failure", "the metrics backend could not register gauge " + spec + ": " + e);
            }
        }
    }

    void warnClosed(String name) {
        ApiWarnings.warn("closed", "recording '" + name + "' after Vigil.close() is ignored");
    }

    @Override
    public String toString() {
        return "MeterEngine" + Arrays.toString(backends);
    }

    private static final class NameState {
        final MeterType type;
        final AtomicInteger tagSets = new AtomicInteger();

        NameState(MeterType type) {
            this.type = type;
        }
    }
}
