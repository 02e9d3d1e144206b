package dev.vigil.internal;

import dev.vigil.spi.MeterType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Every series of one metric name: its type, its distinct tag sets up to the budget, and the one overflow
 * series that takes all the others. It is the authority on which tag sets exist, so a recording can tell a
 * new tag set from a known one without allocating, whatever the order its call site gave the tags in.
 *
 * <p>The tag sets sit in an open-addressing table keyed by an order-independent hash. Readers probe it without
 * a lock; a new tag set is reserved under this family's own lock, which is never held across a backend call:
 * the reservation is what makes the budget a hard bound, and the backend meter is created after it.
 */
final class MeterFamily {
    private static final VarHandle OVERFLOW;
    private static final VarHandle OVERFLOW_COUNTER;

    static {
        try {
            OVERFLOW = MethodHandles.lookup().findVarHandle(MeterFamily.class, "overflow", Object.class);
            OVERFLOW_COUNTER = MethodHandles.lookup().findVarHandle(MeterFamily.class, "overflowCounter",
                    OverflowCounter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MeterType type;
    final String name;
    private final int maxTagSets;
    /** At most half full, so a probe always ends at an empty slot; replaced whole when it grows. */
    private volatile Series[] table = new Series[8];
    /** Guarded by this. */
    private int size;
    private volatile boolean full;
    /** The overflow handle (or {@link OverflowGauge}); set once, by compare-and-set. */
    private volatile Object overflow;
    /** Of a counter name: what its overflow handle records into; one per name, set by compare-and-set. */
    private volatile OverflowCounter overflowCounter;
    /** Tag keys, in a call site's order, already validated for this name: lets an overflow skip validation. */
    private volatile String[] validatedKeys;

    MeterFamily(MeterType type, String name, int maxTagSets) {
        this.type = type;
        this.name = name;
        this.maxTagSets = maxTagSets;
    }

    /** One distinct tag set of this name. */
    static final class Series {
        /** Alternating keys and values, validated, in the order of the call site that created the series. */
        final String[] kv;
        final int hash;
        /** Null while the backend meter is being created. */
        volatile Object handle;

        Series(String[] kv, int hash) {
            this.kv = kv;
            this.hash = hash;
        }

        /** Order-independent: the stored keys are distinct, so finding each stored pair among as many tags is equality. */
        boolean matches(TagArgs tags, int h) {
            if (hash != h || kv.length != 2 * tags.count()) {
                return false;
            }
            int n = kv.length / 2;
            for (int i = 0; i < kv.length; i += 2) {
                if (!contains(tags, n, kv[i], kv[i + 1])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean contains(TagArgs tags, int n, String key, String value) {
            for (int j = 0; j < n; j++) {
                String k = tags.key(j);
                if (k == key || k.equals(key)) {
                    String v = tags.value(j);
                    return v == value || v.equals(value);
                }
            }
            return false;
        }
    }

    /** @return the tags of {@code kv} (alternating keys and values, none null) for matching */
    static TagArgs tags(String[] kv) {
        TagArgs t = new TagArgs();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            t.addTag(kv[i], kv[i + 1]);
        }
        return t;
    }

    /** @return a hash of the tags that ignores their order */
    static int hash(TagArgs tags) {
        int h = 0;
        int n = tags.count();
        for (int i = 0; i < n; i++) {
            int p = 31 * tags.key(i).hashCode() + tags.value(i).hashCode();
            p *= 0x9E3779B9;
            h += p ^ (p >>> 15);
        }
        return h ^ (h >>> 16);
    }

    /** @return the series with exactly these tags, or null; lock-free and allocation-free */
    Series find(TagArgs tags, int hash) {
        Series[] t = table;
        int mask = t.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Series s = t[i];
            if (s == null) {
                return null;
            }
            if (s.matches(tags, hash)) {
                return s;
            }
        }
    }

    /**
     * Finds the series with these tags or, while the budget allows, reserves a new one (its handle null until
     * the caller creates it). Bounded work: a probe, and now and then a doubling of this name's own table.
     *
     * @param kv the validated tags, the same as {@code tags}, kept by a new series
     * @return the series, or null when it is new and the budget is spent: the caller folds it into the overflow
     */
    Series reserve(TagArgs tags, int hash, String[] kv) {
        Series s = find(tags, hash);
        return s != null || full ? s : reserveLocked(tags, hash, kv);
    }

    private synchronized Series reserveLocked(TagArgs tags, int hash, String[] kv) {
        Series s = find(tags, hash);
        if (s != null || full) {
            return s;
        }
        Series[] t = table;
        boolean grow = 2 * (size + 1) > t.length;
        if (grow) {
            t = new Series[t.length * 2];
            for (Series e : table) {
                if (e != null) {
                    place(t, e);
                }
            }
        }
        s = new Series(kv, hash);
        place(t, s);
        if (grow) {
            table = t;
        }
        if (++size >= maxTagSets) {
            full = true;
        }
        return s;
    }

    private static void place(Series[] t, Series s) {
        int mask = t.length - 1;
        int i = s.hash & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = s;
    }

    /**
     * The overflow path, kept small so that it inlines into the lookup: no lock, no allocation.
     *
     * @return the overflow handle when these tags are a new set past the budget whose keys were validated
     *     before, else null (the caller takes the slow path)
     */
    Object overflowFor(MeterType t, TagArgs tags) {
        if (!full || type != t || !isValidated(tags)) {
            return null;
        }
        return find(tags, hash(tags)) == null ? overflow() : null;
    }

    /** @return whether every further new tag set folds into the overflow series */
    boolean isFull() {
        return full;
    }

    /** @return how many distinct tag sets this name holds, the overflow series not counted */
    synchronized int size() {
        return size;
    }

    /** @return the overflow handle, or null until the first fold */
    Object overflow() {
        return (Object) OVERFLOW.getAcquire(this);
    }

    /**
     * Publishes the overflow handle once.
     *
     * @return {@code candidate} when it was the first, else the one published before it
     */
    Object publishOverflow(Object candidate) {
        Object witness = (Object) OVERFLOW.compareAndExchange(this, (Object) null, candidate);
        return witness == null ? candidate : witness;
    }

    /**
     * The one core counter behind a counter name's overflow series, created without any backend call, so
     * that racing first folds all record into the object the backends read.
     */
    OverflowCounter overflowCounter() {
        OverflowCounter c = overflowCounter;
        if (c != null) {
            return c;
        }
        OverflowCounter candidate = new OverflowCounter();
        OverflowCounter witness = (OverflowCounter) OVERFLOW_COUNTER.compareAndExchange(this, (OverflowCounter) null,
                candidate);
        return witness == null ? candidate : witness;
    }

    /** Remembers the key order of tags that passed validation, so that their next fold can skip it. */
    void validated(TagArgs tags) {
        String[] keys = new String[tags.count()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = tags.key(i);
        }
        validatedKeys = keys;
    }

    /** @return whether these tags need no validation: keys seen valid (by identity), values short enough */
    boolean isValidated(TagArgs tags) {
        String[] keys = validatedKeys;
        if (keys == null || keys.length != tags.count()) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != tags.key(i) || tags.value(i).length() > MeterNames.MAX_VALUE_LENGTH) {
                return false;
            }
        }
        return true;
    }
}
