package dev.vigil.internal;

import java.util.Arrays;

/**
 * Tags as a fluent call collects them: two held inline, anything beyond (more tags, and the rarely used
 * options of a KPI) in one lazily created {@link Extra}. The inline part keeps a fluent KPI with up to two
 * tags at 40 bytes, one small object, even when the JIT cannot remove it.
 */
class TagArgs {
    String k0;
    String v0;
    String k1;
    String v1;
    /** Null until a third tag or a KPI option is set. */
    Extra extra;

    /** What few calls need: tags after the second, and the options of a KPI. */
    static final class Extra {
        String[] more = new String[0];
        String unit;
        String description;
        double[] buckets;
        boolean traced;
        boolean invalidTag;
    }

    final Extra extra() {
        Extra e = extra;
        if (e == null) {
            e = new Extra();
            extra = e;
        }
        return e;
    }

    final int count() {
        if (k0 == null) {
            return 0;
        }
        if (k1 == null) {
            return 1;
        }
        Extra e = extra;
        return e == null ? 2 : 2 + e.more.length / 2;
    }

    /** Adds a non-null tag. */
    final void addTag(String key, String value) {
        if (k0 == null) {
            k0 = key;
            v0 = value;
        } else if (k1 == null) {
            k1 = key;
            v1 = value;
        } else {
            Extra e = extra();
            String[] m = Arrays.copyOf(e.more, e.more.length + 2);
            m[m.length - 2] = key;
            m[m.length - 1] = value;
            e.more = m;
        }
    }

    /** Sets a non-null tag: replaces the value of a key already present (the later one wins), else adds it. */
    final void putTag(String key, String value) {
        int n = count();
        for (int i = 0; i < n; i++) {
            if (key.equals(key(i))) {
                if (i == 0) {
                    v0 = value;
                } else if (i == 1) {
                    v1 = value;
                } else {
                    extra.more[2 * (i - 2) + 1] = value;
                }
                return;
            }
        }
        addTag(key, value);
    }

    final String key(int i) {
        return i == 0 ? k0 : i == 1 ? k1 : extra.more[2 * (i - 2)];
    }

    final String value(int i) {
        return i == 0 ? v0 : i == 1 ? v1 : extra.more[2 * (i - 2) + 1];
    }

    final int hash(int seed) {
        int h = seed;
        if (k0 != null) {
            h = 31 * (31 * h + k0.hashCode()) + v0.hashCode();
            if (k1 != null) {
                h = 31 * (31 * h + k1.hashCode()) + v1.hashCode();
                Extra e = extra;
                if (e != null) {
                    for (String s : e.more) {
                        h = 31 * h + s.hashCode();
                    }
                }
            }
        }
        return h;
    }

    /** Compares with a cached key's tags, identity first: call sites usually pass the same literals. */
    final boolean sameTags(String[] tags) {
        int n = count();
        if (tags.length != 2 * n) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        if (!eq(tags[0], k0) || !eq(tags[1], v0)) {
            return false;
        }
        if (n == 1) {
            return true;
        }
        if (!eq(tags[2], k1) || !eq(tags[3], v1)) {
            return false;
        }
        return n == 2 || Arrays.equals(tags, 4, tags.length, extra.more, 0, extra.more.length);
    }

    private static boolean eq(String a, String b) {
        return a == b || a.equals(b);
    }

    final String[] toArray() {
        int n = count();
        String[] a = new String[2 * n];
        for (int i = 0; i < n; i++) {
            a[2 * i] = key(i);
            a[2 * i + 1] = value(i);
        }
        return a;
    }
}
