package dev.vigil.internal;

import dev.vigil.spi.MeterType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lookup cache of the KPI hot path: (type, name, tags in call order) to handle, probed without a lock and
 * without allocating. It is an accelerator only, never the authority (that is {@link MeterFamily}): a key
 * that is not cached resolves on the slower path and nothing is lost.
 *
 * <p>Fixed shape, so that adding a key is bounded work: a directory of 256 chunks of 512 slots, each chunk
 * created on first use, each slot filled once by compare-and-set, a probe never longer than 16 slots. Nothing
 * is ever copied or resized; past {@value #MAX_ENTRIES} keys, or in a crowded neighbourhood, a key is simply
 * not cached.
 */
final class MeterCache {
    /** Keeps the slots at most half full on average. */
    static final int MAX_ENTRIES = 1 << 16;
    private static final int DIR_BITS = 8;
    private static final int CHUNK_SLOTS = 512;
    private static final int MAX_PROBE = 16;
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(MeterKey[][].class);
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(MeterKey[].class);

    private final MeterKey[][] chunks = new MeterKey[1 << DIR_BITS][];
    private final AtomicInteger size = new AtomicInteger();

    /** @return the cached handle, or null */
    Object get(MeterType type, String name, TagArgs tags, int hash) {
        int s = hash * 0x9E3779B9;
        MeterKey[] c = (MeterKey[]) CHUNKS.getAcquire(chunks, s >>> (32 - DIR_BITS));
        if (c == null) {
            return null;
        }
        int i = s >>> 12;
        for (int n = 0; n < MAX_PROBE; n++, i++) {
            // A plain read: a key's fields are final, and a slot not seen yet only means a slower lookup.
            MeterKey e = c[i & (CHUNK_SLOTS - 1)];
            if (e == null) {
                return null;
            }
            if (e.matches(type, name, hash, tags)) {
                return e.handle;
            }
        }
        return null;
    }

    /** @return whether {@link #put} may still add keys; lets a caller skip building a key that would be dropped */
    boolean hasRoom() {
        return size.get() < MAX_ENTRIES;
    }

    /** Caches a key if there is room near its slot; otherwise does nothing. */
    void put(MeterKey key) {
        if (!hasRoom()) {
            return;
        }
        int s = key.hash * 0x9E3779B9;
        int d = s >>> (32 - DIR_BITS);
        MeterKey[] c = (MeterKey[]) CHUNKS.getAcquire(chunks, d);
        if (c == null) {
            MeterKey[] fresh = new MeterKey[CHUNK_SLOTS];
            MeterKey[] witness = (MeterKey[]) CHUNKS.compareAndExchange(chunks, d, (MeterKey[]) null, fresh);
            c = witness == null ? fresh : witness;
        }
        int i = s >>> 12;
        for (int n = 0; n < MAX_PROBE; n++, i++) {
            int slot = i & (CHUNK_SLOTS - 1);
            if (SLOTS.compareAndSet(c, slot, (MeterKey) null, key)) {
                size.incrementAndGet();
                return;
            }
            MeterKey e = (MeterKey) SLOTS.getAcquire(c, slot);
            if (e.hash == key.hash && e.type == key.type && e.name.equals(key.name) && Arrays.equals(e.tags, key.tags)) {
                return;
            }
        }
    }

    /** @return how many keys are cached; for tests */
    int size() {
        return size.get();
    }
}
