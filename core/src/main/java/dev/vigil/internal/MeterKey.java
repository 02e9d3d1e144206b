package dev.vigil.internal;

import dev.vigil.spi.MeterType;

/**
 * One cached lookup: a meter type, name and tags in the order a call site gave them, and the handle they
 * resolve to. Immutable, so readers of the cache need no lock.
 */
final class MeterKey {
    final MeterType type;
    final String name;
    /** Alternating keys and values, as given by the call site. */
    final String[] tags;
    final int hash;
    final Object handle;

    MeterKey(MeterType type, String name, String[] tags, int hash, Object handle) {
        this.type = type;
        this.name = name;
        this.tags = tags;
        this.hash = hash;
        this.handle = handle;
    }

    /** Compares against a call site's inline tag fields without allocating. */
    boolean matches(MeterType t, String n, int h, TagArgs a) {
        return hash == h && type == t && (name == n || name.equals(n)) && a.sameTags(tags);
    }
}
