package dev.vigil.internal;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric names of one engine, each with its {@link MeterFamily}, within the process budget of names
 * ({@code vigil.metrics.max-names}). A name past the budget is refused: a warning, rate-limited, and one count
 * in {@code vigil.metrics.refused} per refused recording or gauge. Vigil's own meters are not counted.
 */
final class MeterFamilies {
    private final MeterEngine engine;
    private final int maxTagSets;
    private final int maxNames;
    private static final int RECENT = 256;

    private final ConcurrentHashMap<String, MeterFamily> byName = new ConcurrentHashMap<>();
    private final MeterFamily[] recent = new MeterFamily[RECENT];
    /** Taken only to admit a new name; never held across a backend call. */
    private final Object admitLock = new Object();
    /** Guarded by {@link #admitLock}. */
    private int admitted;
    private volatile CounterInstrument refused;

    MeterFamilies(MeterEngine engine, int maxTagSets, int maxNames) {
        this.engine = engine;
        this.maxTagSets = maxTagSets;
        this.maxNames = maxNames;
    }

    /** @return the admitted names; a copy */
    java.util.Set<String> names() {
        return java.util.Set.copyOf(byName.keySet());
    }

    /** @return the family of a name, or null when it was never admitted; lock-free */
    MeterFamily get(String name) {
        // Call sites pass the same literal, so the name's identity finds its family without the map's lookup.
        // Racy on purpose: a slot holds some admitted family, and its final fields are safely published.
        int i = name.hashCode() & (RECENT - 1);
        MeterFamily f = recent[i];
        if (f != null && f.name == name) {
            return f;
        }
        f = byName.get(name);
        if (f != null) {
            recent[i] = f;
        }
        return f;
    }

    /**
     * The family of a valid name, admitted while the budget allows.
     *
     * @param what what is ignored on refusal, for the warning: "the recording" or "the gauge"
     * @return the family, or null after a warning when the name is refused or has another type
     */
    MeterFamily admit(MeterType type, String name, String what) {
        MeterFamily f = byName.get(name);
        if (f == null) {
            synchronized (admitLock) {
                // Names are few (the budget bounds them) and nothing slow happens here, so one lock is cheap.
                f = byName.get(name);
                if (f == null && admitted < maxNames) {
                    f = new MeterFamily(type, name, maxTagSets);
                    byName.put(name, f);
                    admitted++;
                }
            }
            if (f == null) {
                refuse(name, what);
                return null;
            }
        }
        if (f.type != type) {
            ApiWarnings.warn("type-conflict", "meter '" + name + "' is a " + f.type
                    + " and cannot also be used as a " + type + "; " + what + " is ignored");
            return null;
        }
        return f;
    }

    private void refuse(String name, String what) {
        ApiWarnings.warn("metric-names", "meter '" + name + "' is refused: this process reached its budget of "
                + maxNames + " metric names (vigil.metrics.max-names); " + what + " is ignored");
        CounterInstrument r = refused;
        if (r == null) {
            // A race creates it twice: a backend creates or finds, so both are the same meter.
            r = Overflows.counter(engine, MeterEngine.REFUSED_METER, "recordings and gauges refused because the"
                    + " process reached its budget of metric names");
            refused = r;
        }
        Overflows.add(r);
    }
}
