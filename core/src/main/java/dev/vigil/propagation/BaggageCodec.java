package dev.vigil.propagation;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads and writes the W3C {@code baggage} header:
 * <pre>
 * list-member   = key OWS "=" OWS value *( OWS ";" OWS property )
 * property      = key OWS "=" OWS value / key OWS
 * key           = token (RFC 7230)
 * value         = *baggage-octet, percent-encoded UTF-8
 * baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
 * </pre>
 * Parsing works in place on the header strings (one substring per kept key, value and metadata) and examines at most
 * {@link #SCAN_LIMIT} characters in total, however large or numerous the fields.
 */
final class BaggageCodec {

    /** Characters examined at most: twice the byte limit, leaving room for whitespace and dropped invalid members. */
    static final int SCAN_LIMIT = 2 * Baggage.MAX_BYTES;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private BaggageCodec() {}

    static Baggage parse(List<String> values) {
        String[] entries = new String[3 * Baggage.MAX_MEMBERS];
        int count = 0;
        int bytes = 0;
        int budget = SCAN_LIMIT;
        outer:
        for (String v : values) {
            if (v == null) {
                continue;
            }
            if (--budget <= 0) { // the combining comma costs one, so thousands of empty fields are bounded too
                break;
            }
            int len = v.length();
            int limit = Math.min(len, budget);
            budget -= limit;
            for (int pos = 0; pos <= limit; ) {
                int end = pos;
                while (end < limit && v.charAt(end) != ',') {
                    end++;
                }
                if (end == limit && limit < len && v.charAt(limit) != ',') {
                    break outer; // this member runs past the scan limit: drop it rather than keep a cut-off part
                }
                int s = skipOws(v, pos, end);
                int e = trimOws(v, s, end);
                pos = end + 1;
                if (s == e) {
                    continue; // empty member, e.g. from combining an empty field
                }
                int size = count == 0 ? e - s : e - s + 1;
                if (count == Baggage.MAX_MEMBERS || bytes + size > Baggage.MAX_BYTES) {
                    continue; // over the limits: drop whole members, never part of one
                }
                int eq = indexOf(v, '=', s, e);
                if (eq < 0) {
                    continue;
                }
                int keyEnd = trimOws(v, s, eq);
                int semi = indexOf(v, ';', eq + 1, e);
                int valueEnd = semi < 0 ? e : semi;
                int valueStart = skipOws(v, eq + 1, valueEnd);
                valueEnd = trimOws(v, valueStart, valueEnd);
                String meta = semi < 0 ? "" : canonicalMetadata(v, semi + 1, e);
                if (meta == null || !isToken(v, s, keyEnd) || !isValidValue(v, valueStart, valueEnd)) {
                    continue; // invalid member: dropped alone, the rest of the baggage still counts
                }
                String key = v.substring(s, keyEnd);
                String value = decode(v, valueStart, valueEnd);
                int existing = indexOf(entries, count, key);
                int slot = existing >= 0 ? existing : 3 * count++;
                entries[slot] = key;
                entries[slot + 1] = value; // a repeated key keeps its first position and its last value
                entries[slot + 2] = meta;
                bytes += size;
            }
        }
        if (count == 0) {
            return Baggage.empty();
        }
        String[] exact = new String[3 * count];
        System.arraycopy(entries, 0, exact, 0, exact.length);
        return new Baggage(exact);
    }

    static String encode(String[] entries) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < entries.length; i += 3) {
            int mark = sb.length();
            if (mark > 0) {
                sb.append(',');
            }
            sb.append(entries[i]).append('=');
            appendEncoded(sb, entries[i + 1]);
            if (!entries[i + 2].isEmpty()) {
                sb.append(';').append(entries[i + 2]);
            }
            if (sb.length() > Baggage.MAX_BYTES) {
                sb.setLength(mark); // leave the whole member out; a smaller later one may still fit
            }
        }
        return sb.toString();
    }

    private static void appendEncoded(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isOctet(c) && c != '%') {
                sb.append(c);
                continue;
            }
            int cp = c;
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                cp = Character.toCodePoint(c, value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cp = 0xFFFD; // a lone surrogate has no UTF-8 form
            }
            if (cp < 0x80) {
                appendByte(sb, cp);
            } else if (cp < 0x800) {
                appendByte(sb, 0xC0 | (cp >> 6));
                appendByte(sb, 0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                appendByte(sb, 0xE0 | (cp >> 12));
                appendByte(sb, 0x80 | ((cp >> 6) & 0x3F));
                appendByte(sb, 0x80 | (cp & 0x3F));
            } else {
                appendByte(sb, 0xF0 | (cp >> 18));
                appendByte(sb, 0x80 | ((cp >> 12) & 0x3F));
                appendByte(sb, 0x80 | ((cp >> 6) & 0x3F));
                appendByte(sb, 0x80 | (cp & 0x3F));
            }
        }
    }

    private static void appendByte(StringBuilder sb, int b) {
        sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /** Percent-decodes an already validated value; invalid UTF-8 becomes U+FFFD (String's decoder replaces it). */
    private static String decode(String s, int from, int to) {
        if (indexOf(s, '%', from, to) < 0) {
            return s.substring(from, to);
        }
        byte[] bytes = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                bytes[n++] = (byte) ((hexDigit(s.charAt(i + 1)) << 4) | hexDigit(s.charAt(i + 2)));
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Validates and canonicalises metadata given through the API; {@code null} if invalid. */
    static String canonicalMetadata(String s) {
        return canonicalMetadata(s, 0, s.length());
    }

    /**
     * Validates {@code *( OWS ";" OWS property )} text (after the first {@code ;}), each property being
     * {@code key [OWS "=" OWS value]}, and returns it without optional whitespace ({@code a ; b = 1} becomes
     * {@code a;b=1}), so what is forwarded is compact and plain printable ASCII. Returns {@code null} if invalid.
     */
    private static String canonicalMetadata(String s, int from, int to) {
        StringBuilder sb = null; // only built if whitespace must be removed; otherwise the input is returned as is
        for (int pos = from; pos <= to; ) {
            int semi = indexOf(s, ';', pos, to);
            int end = semi < 0 ? to : semi;
            int ps = skipOws(s, pos, end);
            int pe = trimOws(s, ps, end);
            int eq = indexOf(s, '=', ps, pe);
            int keyEnd = eq < 0 ? pe : trimOws(s, ps, eq);
            int valueStart = eq < 0 ? pe : skipOws(s, eq + 1, pe);
            if (!isToken(s, ps, keyEnd) || (eq >= 0 && !isValidValue(s, valueStart, pe))) {
                return null;
            }
            boolean compact = ps == pos && pe == end && (eq < 0 || (keyEnd == eq && valueStart == eq + 1));
            if (sb == null && !compact) {
                // the properties so far were compact: copy them, without the ';' that ends them
                sb = new StringBuilder(to - from).append(s, from, Math.max(from, pos - 1));
            }
            if (sb != null) {
                sb.append(pos == from ? "" : ";").append(s, ps, keyEnd);
                if (eq >= 0) {
                    sb.append('=').append(s, valueStart, pe);
                }
            }
            pos = end + 1;
        }
        return sb == null ? s.substring(from, to) : sb.toString();
    }

    /** RFC 7230 {@code token = 1*tchar}. */
    static boolean isToken(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Baggage octets only, and every {@code %} starts a complete escape. */
    private static boolean isValidValue(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isOctet(c)) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= to || hexDigit(s.charAt(i + 1)) < 0 || hexDigit(s.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean isOctet(char c) {
        return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int skipOws(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimOws(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(String[] entries, int count, String key) {
        for (int i = 0; i < 3 * count; i += 3) {
            if (entries[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
