package dev.vigil.internal;

/**
 * Up to four tags held inline plus an overflow array: the shape in which a fluent KPI collects its tags.
 * Kept as plain fields so that, once the JIT inlines the fluent chain, escape analysis can remove the
 * whole builder and a lookup allocates nothing.
 */
class TagArgs {
    String k0;
    String v0;
    String k1;
    String v1;
    String k2;
    String v2;
    String k3;
    String v3;
    /** Tags after the fourth, as alternating keys and values; null while unused. */
    String[] more;
    int count;

    final void addTag(String key, String value) {
        switch (count) {
            case 0: k0 = key; v0 = value; break;
            case 1: k1 = key; v1 = value; break;
            case 2: k2 = key; v2 = value; break;
            case 3: k3 = key; v3 = value; break;
            default: addMore(key, value);
        }
        count++;
    }

    private void addMore(String key, String value) {
        int at = 2 * (count - 4);
        if (more == null) {
            more = new String[8];
        } else if (at + 2 > more.length) {
            more = java.util.Arrays.copyOf(more, more.length * 2);
        }
        more[at] = key;
        more[at + 1] = value;
    }

    final String key(int i) {
        switch (i) {
            case 0: return k0;
            case 1: return k1;
            case 2: return k2;
            case 3: return k3;
            default: return more[2 * (i - 4)];
        }
    }

    final String value(int i) {
        switch (i) {
            case 0: return v0;
            case 1: return v1;
            case 2: return v2;
            case 3: return v3;
            default: return more[2 * (i - 4) + 1];
        }
    }

    /** @return true when a key or value is null; such a recording is dropped with a warning */
    final boolean hasNull() {
        for (int i = 0; i < count; i++) {
            if (key(i) == null || value(i) == null) {
                return true;
            }
        }
        return false;
    }

    final int hash(int seed) {
        int h = seed;
        for (int i = 0; i < count; i++) {
            h = 31 * (31 * h + key(i).hashCode()) + value(i).hashCode();
        }
        return h;
    }

    final String[] toArray() {
        String[] a = new String[2 * count];
        for (int i = 0; i < count; i++) {
            a[2 * i] = key(i);
            a[2 * i + 1] = value(i);
        }
        return a;
    }
}
