package dev.vigil.propagation;

import dev.vigil.internal.Hex;
import dev.vigil.trace.SpanContext;
import dev.vigil.trace.TraceState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes and decodes the W3C {@code traceparent} value {@code version-traceid-parentid-flags}.
 *
 * <p>Hot path of every request, so no regex and no {@code String.format}. Decoding checks the separators, version and
 * flags in place, then takes one Latin-1 copy of the value and validates and converts the ids eight digits at a time
 * with arithmetic on longs ({@link Hex#decode8}); it allocates only that copy and the resulting context. Encoding
 * writes the ids' digits eight at a time into a per-thread buffer and makes one Latin-1 {@code String} from it.
 */
final class TraceparentCodec {

    /** Length of a version-00 value, and the minimum length of any version. */
    static final int LENGTH = 55;

    /** Flag bits defined by the spec (sampled, random); the others must be sent as zero. */
    static final int KNOWN_FLAGS = SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM;

    private static final int TRACE_ID_OFFSET = 3;
    private static final int SPAN_ID_OFFSET = 36;
    private static final int FLAGS_OFFSET = 53;

    /** Value of each lowercase hex digit, -1 for every other ASCII character (uppercase is invalid in traceparent). */
    private static final byte[] DECODE = new byte[128];

    static {
        Arrays.fill(DECODE, (byte) -1);
        String digits = "0123456789abcdef";
        for (int i = 0; i < 16; i++) {
            DECODE[digits.charAt(i)] = (byte) i;
        }
    }

    private TraceparentCodec() {}

    /**
     * Decodes a traceparent value, returning {@code null} if it must be ignored. Follows the spec's versioning rules: a
     * version-00 value must be exactly 55 characters; a higher version must be at least 55 and, if longer, continue
     * with {@code -} (its extra fields are not interpreted); version {@code ff} is forbidden. Leading and trailing
     * optional whitespace (space, tab) is ignored, as the W3C suite requires.
     *
     * @return a remote parent context without trace state (the caller adds it), or {@code null} if invalid
     */
    static SpanContext decode(String value) {
        int start = 0;
        int end = value.length();
        if (end < LENGTH) {
            return null;
        }
        // Trim only if needed: well-formed values have no optional whitespace, so these loops stop at once.
        while (start < end && isOws(value.charAt(start))) {
            start++;
        }
        while (end > start && isOws(value.charAt(end - 1))) {
            end--;
        }
        int length = end - start;
        if (length < LENGTH) {
            return null;
        }
        int version = hexByte(value, start);
        if (version < 0 || version == 0xff) {
            return null;
        }
        if (length > LENGTH && (version == 0 || value.charAt(start + LENGTH) != '-')) {
            return null;
        }
        if (value.charAt(start + 2) != '-' || value.charAt(start + TRACE_ID_OFFSET + 32) != '-'
                || value.charAt(start + SPAN_ID_OFFSET + 16) != '-') {
            return null;
        }
        int flags = hexByte(value, start + FLAGS_OFFSET);
        if (flags < 0) {
            return null;
        }
        // The ids as Latin-1 bytes, read 8 digits at a time; a character outside Latin-1 becomes '?' and fails. Only
        // the 55 characters read are copied, so a long higher-version value costs no more than a version-00 one.
        byte[] bytes = (length == LENGTH && start == 0 ? value : value.substring(start, start + LENGTH))
                .getBytes(StandardCharsets.ISO_8859_1);
        long t1 = Hex.decode8(bytes, TRACE_ID_OFFSET);
        long t2 = Hex.decode8(bytes, TRACE_ID_OFFSET + 8);
        long t3 = Hex.decode8(bytes, TRACE_ID_OFFSET + 16);
        long t4 = Hex.decode8(bytes, TRACE_ID_OFFSET + 24);
        long s1 = Hex.decode8(bytes, SPAN_ID_OFFSET);
        long s2 = Hex.decode8(bytes, SPAN_ID_OFFSET + 8);
        if ((t1 | t2 | t3 | t4 | s1 | s2) < 0) {
            return null;
        }
        long traceIdHigh = t1 << 32 | t2;
        long traceIdLow = t3 << 32 | t4;
        long spanId = s1 << 32 | s2;
        // Unknown flags are dropped here so they are never propagated ("Vendors MUST set those to zero").
        SpanContext context = SpanContext.createFromRemoteParent(
                traceIdHigh, traceIdLow, spanId, (byte) (flags & KNOWN_FLAGS), TraceState.empty());
        return context.isValid() ? context : null; // all-zero trace id or parent id
    }

    /** Encodes {@code context} as a version-00 traceparent, unknown flag bits cleared. */
    static String encode(SpanContext context) {
        // Written straight from the ids into a per-thread buffer: no intermediate hex strings, one String out.
        byte[] b = ENCODE_BUFFER.get();
        Hex.encode(context.traceIdHigh(), b, 3);
        Hex.encode(context.traceIdLow(), b, 19);
        Hex.encode(context.spanId(), b, 36);
        int flags = context.traceFlags() & KNOWN_FLAGS;
        b[53] = '0';
        b[54] = (byte) ('0' + flags);
        return new String(b, 0, TRACEPARENT_LENGTH, StandardCharsets.ISO_8859_1);
    }

    private static final int TRACEPARENT_LENGTH = 55;
    private static final ThreadLocal<byte[]> ENCODE_BUFFER = ThreadLocal.withInitial(() -> {
        byte[] b = new byte[TRACEPARENT_LENGTH];
        b[0] = '0';
        b[1] = '0';
        b[2] = '-';
        b[35] = '-';
        b[52] = '-';
        return b;
    });

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Digit value, or -1 for anything but lowercase hex. */
    private static int digit(char c) {
        return c < 128 ? DECODE[c] : -1;
    }

    /** Two lowercase hex digits as 0..255, or a negative number if either is not one. */
    private static int hexByte(String s, int offset) {
        int hi = digit(s.charAt(offset));
        int lo = digit(s.charAt(offset + 1));
        return (hi | lo) < 0 ? -1 : (hi << 4) | lo;
    }
}
