package dev.vigil.trace;

import java.util.Arrays;
import java.util.List;

/**
 * Single-pass, allocation-light parser for (possibly repeated) {@code tracestate} header values.
 *
 * <p>Repeated fields are parsed one after another instead of being comma-joined first: RFC 9110 combining puts a comma
 * between fields, so a member can never span two fields, and not joining saves copying a possibly huge input. The
 * total input size is checked before any scanning, so hostile input costs at most {@link #MAX_COMBINED_LENGTH} steps.
 */
final class TraceStateParser {

    /**
     * Inputs longer than this are discarded unread. The longest valid state is 32 members of 513 characters plus 31
     * commas (16,447); this doubles it to leave room for optional whitespace and empty members.
     */
    static final int MAX_COMBINED_LENGTH = 32 * 1024;

    private TraceStateParser() {}

    static TraceState parse(List<String> values) {
        long total = 0; // long: thousands of huge fields must not overflow the check
        int fields = 0;
        for (String v : values) {
            if (v != null) {
                total += v.length() + 1L;
                fields++;
                if (total > MAX_COMBINED_LENGTH) {
                    return TraceState.empty();
                }
            }
        }
        String[] entries = new String[2 * TraceState.MAX_MEMBERS];
        int count = 0;
        boolean canonical = fields == 1; // input already in our output form: reuse it as the cached header string
        String only = null;
        for (String v : values) {
            if (v == null) {
                continue;
            }
            only = v;
            int pos = 0;
            int len = v.length();
            while (pos <= len) {
                int comma = v.indexOf(',', pos);
                int end = comma < 0 ? len : comma;
                int start = pos;
                pos = end + 1;
                int s = start;
                int e = end;
                while (s < e && isOws(v.charAt(s))) {
                    s++;
                }
                while (e > s && isOws(v.charAt(e - 1))) {
                    e--;
                }
                if (s == e) {
                    canonical &= len == 0; // an empty member (",,", trailing comma) is dropped, so the text changes
                    continue;
                }
                canonical &= s == start && e == end;
                int eq = v.indexOf('=', s);
                if (eq < 0 || eq >= e || !isValidKey(v, s, eq) || !isValidValue(v, eq + 1, e)) {
                    return TraceState.empty(); // one bad member invalidates the whole header
                }
                if (isDuplicate(entries, count, v, s, eq)) {
                    canonical = false; // keep the first occurrence, drop this one
                    continue;
                }
                if (count == TraceState.MAX_MEMBERS) {
                    return TraceState.empty(); // more than 32 members: the W3C suite expects the whole header discarded
                }
                entries[2 * count] = v.substring(s, eq);
                entries[2 * count + 1] = v.substring(eq + 1, e);
                count++;
            }
        }
        if (count == 0) {
            return TraceState.empty();
        }
        String[] exact = entries.length == 2 * count ? entries : Arrays.copyOf(entries, 2 * count);
        return new TraceState(exact, canonical ? only : null);
    }

    private static boolean isDuplicate(String[] entries, int count, String v, int keyStart, int keyEnd) {
        int keyLength = keyEnd - keyStart;
        for (int i = 0; i < count; i++) {
            String k = entries[2 * i];
            if (k.length() == keyLength && v.regionMatches(keyStart, k, 0, keyLength)) {
                return true;
            }
        }
        return false;
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code key = (lcalpha / DIGIT) 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@")}. */
    static boolean isValidKey(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > TraceState.MAX_KEY_LENGTH) {
            return false;
        }
        char first = s.charAt(from);
        if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '*' || c == '/' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code value = 0*255(chr) nblk-chr}: printable ASCII except {@code ,} and {@code =}, not ending in a space. */
    static boolean isValidValue(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > TraceState.MAX_VALUE_LENGTH || s.charAt(to - 1) == ' ') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
                return false;
            }
        }
        return true;
    }
}
