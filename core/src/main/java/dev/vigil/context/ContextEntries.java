package dev.vigil.context;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text entries that {@link ContextPropagation#put(String, String)} and {@link ContextPropagation#user(String)}
 * put in the current {@link Context}: what every log line of the scope carries in its {@code context} object
 * (and what an error report attaches). Immutable, in the order the keys were first put; a key put again keeps its
 * place and takes the new value.
 *
 * <pre>{@code
 * ContextEntries entries = ContextEntries.current();
 * for (int i = 0; i < entries.size(); i++) {
 *     json.put(entries.key(i), entries.value(i));
 * }
 * }</pre>
 *
 * <p>Reading is allocation-free (index access), because a logging backend reads it for every line.
 */
public final class ContextEntries {
    /** The key under which the entries live in a {@link Context}; one per JVM. */
    static final ContextKey<ContextEntries> KEY = ContextKey.named("vigil.context.entries");
    private static final ContextEntries EMPTY = new ContextEntries(new String[0]);

    /** Alternating keys and values, never null, never mutated after construction. */
    private final String[] keyValues;

    private ContextEntries(String[] keyValues) {
        this.keyValues = keyValues;
    }

    /** @return no entries */
    public static ContextEntries empty() {
        return EMPTY;
    }

    /**
     * The entries of the context current on this thread.
     *
     * @return the entries, {@link #empty()} when there are none
     */
    public static ContextEntries current() {
        return from(Context.current());
    }

    /**
     * The entries of a given context, for example one captured on the logging thread and read later on a worker.
     *
     * @param context the context; null gives {@link #empty()}
     * @return the entries, {@link #empty()} when there are none
     */
    public static ContextEntries from(Context context) {
        ContextEntries e = context == null ? null : context.get(KEY);
        return e == null ? EMPTY : e;
    }

    /** @return how many entries there are */
    public int size() {
        return keyValues.length / 2;
    }

    /** @return true when there are no entries */
    public boolean isEmpty() {
        return keyValues.length == 0;
    }

    /**
     * @param i an index below {@link #size()}
     * @return the i-th key
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public String key(int i) {
        checkIndex(i);
        return keyValues[2 * i];
    }

    /**
     * @param i an index below {@link #size()}
     * @return the i-th value
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public String value(int i) {
        checkIndex(i);
        return keyValues[2 * i + 1];
    }

    /**
     * @param key a key
     * @return its value, or null when absent
     */
    public String get(String key) {
        String[] kv = keyValues;
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i].equals(key)) {
                return kv[i + 1];
            }
        }
        return null;
    }

    /** @return the entries as an unmodifiable map in insertion order (allocates; for tests and slow paths) */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** A copy with {@code key} set to {@code value}, or removed when {@code value} is null. */
    ContextEntries with(String key, String value) {
        String[] kv = keyValues;
        int i = 0;
        while (i < kv.length && !kv[i].equals(key)) {
            i += 2;
        }
        if (i == kv.length) {
            if (value == null) {
                return this;
            }
            String[] next = java.util.Arrays.copyOf(kv, kv.length + 2);
            next[i] = key;
            next[i + 1] = value;
            return new ContextEntries(next);
        }
        if (value == null) {
            String[] next = new String[kv.length - 2];
            System.arraycopy(kv, 0, next, 0, i);
            System.arraycopy(kv, i + 2, next, i, kv.length - i - 2);
            return next.length == 0 ? EMPTY : new ContextEntries(next);
        }
        if (value.equals(kv[i + 1])) {
            return this;
        }
        String[] next = kv.clone();
        next[i + 1] = value;
        return new ContextEntries(next);
    }

    private void checkIndex(int i) {
        if (i < 0 || 2 * i >= keyValues.length) {
            throw new IndexOutOfBoundsException("entry " + i + " of " + size());
        }
    }

    /** @return the keys only: values may be personal data */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ContextEntries[");
        for (int i = 0; i < keyValues.length; i += 2) {
            b.append(i == 0 ? "" : ", ").append(keyValues[i]);
        }
        return b.append(']').toString();
    }
}
