package dev.vigil;

/**
 * The built-in free-text detectors of a {@link Redaction}, in one pass and without a regular expression. Each
 * character costs one table read; only a trigger character ({@code e}, {@code b}, {@code B}, {@code A}, a digit,
 * {@code =}, {@code :}, {@code @}) looks at its neighbours, and only a real candidate is checked in full. Text with
 * nothing to mask comes back as the same instance, with nothing allocated.
 */
final class TextScanner {
    private static final long NONE = -1L;
    private static final byte JWT = 1;
    private static final byte SCHEME = 2;
    private static final byte AWS = 3;
    private static final byte CARD = 4;
    private static final byte KEY_VALUE = 5;
    private static final byte EMAIL = 6;

    private final SensitiveKeys keys;
    private final boolean emails;
    /** Per ASCII character: which detector it may start, or 0. */
    private final byte[] triggers = new byte[128];
    private final boolean idle;

    TextScanner(SensitiveKeys keys, boolean builtins, boolean emails) {
        this.keys = keys;
        this.emails = emails;
        if (builtins) {
            triggers['e'] = JWT;
            triggers['b'] = SCHEME;
            triggers['B'] = SCHEME;
            triggers['A'] = AWS;
            for (char c = '0'; c <= '9'; c++) {
                triggers[c] = CARD;
            }
        }
        if (!keys.isEmpty()) {
            triggers['='] = KEY_VALUE;
            triggers[':'] = KEY_VALUE;
        }
        if (emails) {
            triggers['@'] = EMAIL;
        }
        this.idle = !builtins && !emails && keys.isEmpty();
    }

    /** @return {@code s} itself when nothing is sensitive, else a copy with each secret replaced by the mask */
    String scan(String s) {
        if (idle) {
            return s;
        }
        byte[] t = triggers;
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 128 || t[c] == 0) {
                i++;
                continue;
            }
            long r = detect(t[c], s, i, n, copied);
            if (r >= 0) {
                int from = (int) (r >>> 32);
                int to = (int) r;
                if (out == null) {
                    out = new StringBuilder(n + 16);
                }
                out.append(s, copied, from).append(Redaction.MASK);
                copied = to;
                i = to;
            } else {
                int resume = (int) r;
                i = resume < 0 ? i + 1 : resume;
            }
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    private long detect(byte kind, String s, int i, int n, int copied) {
        switch (kind) {
            case JWT: return jwt(s, i, n);
            case SCHEME: return scheme(s, i, n);
            case AWS: return aws(s, i, n);
            case CARD: return Cards.detect(s, i, n);
            case KEY_VALUE: return keyValue(s, i, n, copied);
            default: return email(s, i, n, copied);
        }
    }

    static long match(int from, int to) {
        return ((long) from << 32) | to;
    }

    /** A miss whose scan resumes at {@code index}: the characters before it cannot start a secret. */
    static long resumeAt(int index) {
        return Long.MIN_VALUE | index;
    }

    /** {@code header.payload.signature}, each base64url, the header starting {@code eyJ} ({@code {"} encoded). */
    private static long jwt(String s, int i, int n) {
        if (i + 2 >= n || s.charAt(i + 1) != 'y' || s.charAt(i + 2) != 'J' || (i > 0 && isBase64Url(s.charAt(i - 1)))) {
            return NONE;
        }
        int header = base64UrlEnd(s, i, n);
        if (header - i < 10 || header + 1 >= n || s.charAt(header) != '.') {
            return NONE;
        }
        int payload = base64UrlEnd(s, header + 1, n);
        if (payload - header - 1 < 2 || payload >= n || s.charAt(payload) != '.') {
            return NONE;
        }
        int end = base64UrlEnd(s, payload + 1, n);
        while (end + 1 < n && s.charAt(end) == '.' && isBase64Url(s.charAt(end + 1))) {
            end = base64UrlEnd(s, end + 1, n); // the five parts of an encrypted token
        }
        return match(i, end);
    }

    /** {@code Bearer <token>} and {@code Basic <base64>}: the scheme stays, the credential goes. */
    private static long scheme(String s, int i, int n) {
        if (i > 0 && isAlphanumeric(s.charAt(i - 1))) {
            return NONE;
        }
        int word;
        if (s.regionMatches(true, i, "bearer", 0, 6)) {
            word = i + 6;
        } else if (s.regionMatches(true, i, "basic", 0, 5)) {
            word = i + 5;
        } else {
            return NONE;
        }
        int from = word;
        while (from < n && from - word < 4 && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        if (from == word) {
            return NONE;
        }
        int to = credentialEnd(s, from, n);
        // A miss resumes at the next character: "Bearer token=abc" must still reach the key-value check.
        return looksLikeCredential(s, from, to) ? match(from, to) : NONE;
    }

    static int credentialEnd(String s, int from, int n) {
        int to = from;
        while (to < n && isTokenChar(s.charAt(to))) {
            to++;
        }
        while (to < n && s.charAt(to) == '=') {
            to++;
        }
        return to;
    }

    /**
     * Tells a credential from prose ("Basic Authentication failed"): at least 8 characters with a digit, one of
     * {@code + / = ~}, or an upper-case letter after the first character. Real tokens and base64 nearly always do.
     */
    private static boolean looksLikeCredential(String s, int from, int to) {
        if (to - from < 8) {
            return false;
        }
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if ((c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=' || c == '~' || (k > from && c >= 'A' && c <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    /** AWS access key ids: {@code AKIA} (long-term), {@code ASIA} (temporary), {@code ABIA}, {@code ACCA}, then 16 of [A-Z0-9]. */
    private static long aws(String s, int i, int n) {
        if (i + 20 > n || (i > 0 && isAlphanumeric(s.charAt(i - 1)))) {
            return NONE;
        }
        char a = s.charAt(i + 1);
        char b = s.charAt(i + 2);
        char c = s.charAt(i + 3);
        boolean prefix = (b == 'I' && c == 'A' && (a == 'K' || a == 'S' || a == 'B')) || (a == 'C' && b == 'C' && c == 'A');
        if (!prefix) {
            return NONE;
        }
        for (int k = i + 4; k < i + 20; k++) {
            char d = s.charAt(k);
            if (!((d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9'))) {
                return NONE;
            }
        }
        return i + 20 < n && isAlphanumeric(s.charAt(i + 20)) ? NONE : match(i, i + 20);
    }

    /**
     * {@code key=value}, {@code key: value}, {@code "key": "value"} whose key is sensitive: found at the {@code =} or
     * {@code :}, the key read backwards from there.
     */
    private long keyValue(String s, int i, int n, int copied) {
        int k = i;
        while (k > copied && i - k < 4 && s.charAt(k - 1) == ' ') {
            k--;
        }
        if (k > copied && (s.charAt(k - 1) == '"' || s.charAt(k - 1) == '\'')) {
            k--;
        }
        int keyEnd = k;
        while (k > copied && keyEnd - k < 128 && isKeyChar(s.charAt(k - 1))) {
            k--;
        }
        int entry = k == keyEnd ? -1 : keys.match(s, k, keyEnd);
        if (entry < 0) {
            return NONE;
        }
        int v = i + 1;
        while (v < n && v - i <= 4 && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) {
            v++;
        }
        if (v >= n) {
            return NONE;
        }
        int from;
        int to;
        char q = s.charAt(v);
        if (q == '"' || q == '\'') {
            from = v + 1;
            to = from;
            while (to < n && s.charAt(to) != q) {
                to += s.charAt(to) == '\\' ? 2 : 1;
            }
            to = Math.min(to, n);
        } else if (keys.lineValued(entry)) {
            // Header values (Bearer x, a=1; b=2) run to the line end; in a Map's toString, to the entry's end.
            boolean header = s.charAt(i) == ':';
            from = v;
            to = v;
            while (to < n && !isLineEnd(s.charAt(to)) && (header || !isEntryEnd(s.charAt(to)))) {
                to++;
            }
        } else {
            from = v;
            to = v;
            while (to < n && !isValueEnd(s.charAt(to))) {
                to++;
            }
            int word = to - from;
            if ((word == 6 || word == 5) && to + 1 < n && s.charAt(to) == ' '
                    && (s.regionMatches(true, from, "bearer", 0, 6) || s.regionMatches(true, from, "basic", 0, 5))) {
                to = credentialEnd(s, to + 1, n); // token=Bearer abc: the credential is the second word
            }
        }
        if (to <= from || (to - from == Redaction.MASK.length() && s.startsWith(Redaction.MASK, from))) {
            return resumeAt(Math.max(to, i + 1));
        }
        return match(from, to);
    }

    /** {@code local@domain.tld}: the local part read backwards from the {@code @}, the top-level domain all letters. */
    private long email(String s, int i, int n, int copied) {
        int from = i;
        int limit = Math.max(copied, i - 64);
        while (from > limit && isEmailLocal(s.charAt(from - 1))) {
            from--;
        }
        while (from < i && s.charAt(from) == '.') {
            from++;
        }
        if (from == i) {
            return NONE;
        }
        int j = i + 1;
        int labels = 0;
        int lastLabel = j;
        int end = j;
        while (j < n && isAlphanumeric(s.charAt(j)) && j - i < 255) {
            lastLabel = j;
            while (j < n && (isAlphanumeric(s.charAt(j)) || s.charAt(j) == '-')) {
                j++;
            }
            labels++;
            end = j;
            if (j + 1 < n && s.charAt(j) == '.' && isAlphanumeric(s.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (labels < 2 || end - lastLabel < 2) {
            return NONE;
        }
        for (int k = lastLabel; k < end; k++) {
            char c = s.charAt(k);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return NONE;
            }
        }
        return match(from, end);
    }

    private static int base64UrlEnd(String s, int from, int n) {
        int j = from;
        while (j < n && isBase64Url(s.charAt(j))) {
            j++;
        }
        return j;
    }

    static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isBase64Url(char c) {
        return isAlphanumeric(c) || c == '-' || c == '_';
    }

    /** RFC 6750's b64token, which also covers base64. */
    private static boolean isTokenChar(char c) {
        return isAlphanumeric(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static boolean isKeyChar(char c) {
        return isAlphanumeric(c) || c == '-' || c == '_' || c == '.';
    }

    private static boolean isEmailLocal(char c) {
        return isAlphanumeric(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isEntryEnd(char c) {
        return c == ',' || c == '}' || c == ']';
    }

    private static boolean isValueEnd(char c) {
        switch (c) {
            case ' ': case '\t': case '\n': case '\r': case ',': case ';': case '&': case '#': case '"': case '\'':
            case '<': case '>': case '(': case ')': case '[': case ']': case '{': case '}': case '|':
                return true;
            default:
                return false;
        }
    }
}
