package dev.vigil.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Lowercase hex encoding of ids. Eight digits are computed at once with arithmetic on a long and stored with one write,
 * and building the result as Latin-1 bytes lets {@link String} adopt them with a plain array copy (no char-to-byte
 * compression pass).
 * Shared by span ids and the {@code traceparent} codec.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class Hex {

    /** Writes longs into byte arrays as 8 big-endian bytes: one store per 8 hex digits. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Hex() {}

    /**
     * Writes the 16 hex digits of {@code value} into {@code dest} starting at {@code offset}.
     *
     * @param value the value
     * @param dest where to write
     * @param offset the first index written
     */
    public static void encode(long value, byte[] dest, int offset) {
        LONGS.set(dest, offset, digits((int) (value >>> 32)));
        LONGS.set(dest, offset + 8, digits((int) value));
    }

    /**
     * The 8 lowercase hex digits of {@code value} as ASCII bytes packed big-endian into a long, computed without a
     * table or a branch: this runs for every id of every span and every traceparent sent.
     */
    private static long digits(int value) {
        // Spread the 8 nibbles into the low half of 8 bytes, most significant first.
        long n = value & 0xFFFFFFFFL;
        n = (n | (n << 16)) & 0x0000FFFF0000FFFFL;
        n = (n | (n << 8)) & 0x00FF00FF00FF00FFL;
        n = (n | (n << 4)) & 0x0F0F0F0F0F0F0F0FL;
        // Bytes holding 10..15 get bit 4 set by adding 6; those need 'a' - '0' - 10 = 39 more than a plain '0' + n.
        long letters = ((n + 0x0606060606060606L) >>> 4) & 0x0101010101010101L;
        return n + 0x3030303030303030L + letters * 39;
    }

    /**
     * @param value the value
     * @return its 16 lowercase hex digits
     */
    public static String toHex(long value) {
        byte[] out = new byte[16];
        encode(value, out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * @param high the high 64 bits
     * @param low the low 64 bits
     * @return the 32 lowercase hex digits of {@code high:low}
     */
    public static String toHex(long high, long low) {
        byte[] out = new byte[32];
        encode(high, out, 0);
        encode(low, out, 16);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes 8 lowercase hex digits (ASCII) at {@code offset}, validating them in the same pass.
     *
     * @param src the bytes to read
     * @param offset the first byte read
     * @return the value, 0 to 2^32 - 1, or -1 if any of the 8 bytes is not one of {@code 0-9a-f}
     */
    public static long decode8(byte[] src, int offset) {
        long x = (long) LONGS.get(src, offset);
        // Per-byte range checks by adding so a byte's top bit flips at the range's bounds; bytes with their top bit
        // already set are rejected first, so no addition carries into the next byte.
        long digit = (x + 0x5050505050505050L) & ~(x + 0x4646464646464646L); // 0x30 <= b < 0x3A
        long letter = (x + 0x1F1F1F1F1F1F1F1FL) & ~(x + 0x1919191919191919L); // 0x61 <= b < 0x67
        if ((((digit | letter) & HIGH_BITS) ^ HIGH_BITS | (x & HIGH_BITS)) != 0) {
            return -1;
        }
        long n = (x & 0x0F0F0F0F0F0F0F0FL) + ((letter & HIGH_BITS) >>> 7) * 9; // 'a' & 0xF is 1, so +9 gives 10
        // Gather the 8 nibbles, most significant first, into the low 32 bits.
        n = (n | (n >>> 4)) & 0x00FF00FF00FF00FFL;
        n = (n | (n >>> 8)) & 0x0000FFFF0000FFFFL;
        return (n | (n >>> 16)) & 0xFFFFFFFFL;
    }

    private static final long HIGH_BITS = 0x8080808080808080L;
}
