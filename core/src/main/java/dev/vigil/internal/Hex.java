package dev.vigil.internal;

import java.nio.charset.StandardCharsets;

/**
 * Lowercase hex encoding of ids. A byte-pair table keeps it to one lookup per id byte, and building the result as
 * Latin-1 bytes lets {@link String} adopt them with a plain array copy (no char-to-byte compression pass).
 * Shared by span ids and the {@code traceparent} codec.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class Hex {

    /** {@code PAIRS[2 * b]} and {@code PAIRS[2 * b + 1]} are the two lowercase hex digits of byte value {@code b}. */
    private static final byte[] PAIRS = new byte[512];

    static {
        byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int b = 0; b < 256; b++) {
            PAIRS[2 * b] = digits[b >>> 4];
            PAIRS[2 * b + 1] = digits[b & 0xf];
        }
    }

    private Hex() {}

    /**
     * Writes the 16 hex digits of {@code value} into {@code dest} starting at {@code offset}.
     *
     * @param value the value
     * @param dest where to write
     * @param offset the first index written
     */
    public static void encode(long value, byte[] dest, int offset) {
        for (int shift = 56, i = offset; shift >= 0; shift -= 8, i += 2) {
            int b = (int) (value >>> shift) & 0xff;
            dest[i] = PAIRS[2 * b];
            dest[i + 1] = PAIRS[2 * b + 1];
        }
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
}
