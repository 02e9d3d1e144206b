package dev.vigil;

/**
 * The built-in free-text detectors of a {@link Redaction}, without a regular expression. One pass reads each
 * character once through a class table and, with a branch-free test, stops only where a secret can start: a word
 * starting with {@code e} (a JWT), {@code b}/{@code B} (Bearer, Basic) or {@code A} (an AWS key id), and the
 * characters {@code =}, {@code :} (a sensitive key's value) and {@code @} (an e-mail). Cards, whose digits are the
 * commonest word starts of a log line, come from a pass that reads one character in 13 ({@link Cards#find}). Only a
 * real candidate is checked in full. Text with nothing to mask comes back as the same instance, nothing allocated.
 */
final class TextScanner {
    private static final long NONE = -1L;
    private static final int JWT = 1;
    private static final int SCHEME = 2;
    private static final int AWS = 3;
    private static final int KEY_VALUE = 4;
    private static final int EMAIL = 5;
    /** The low bits of a class: which detector, if any. */
    private static final int KIND = 0x07;
    /** A character of a key: a letter, a digit, {@code -}, {@code _}, {@code .}. */
    private static final int KEY_CHAR = 0x08;
    /** A letter or digit. */
    private static final int LETTER_OR_DIGIT = 0x10;
    /** Starts a secret when it starts a word: one bit above {@link #LETTER_OR_DIGIT}, see {@link #scan}. */
    private static final int WORD_START = 0x20;
    /** Starts a check wherever it is: {@code =}, {@code :}, {@code @}. */
    private static final int ANYWHERE = 0x40;

    private final SensitiveKeys keys;
    private final boolean cards;
    /** Per ASCII character: its bits above. */
    private final byte[] classes = new byte[128];
    private final boolean idle;

    TextScanner(SensitiveKeys keys, boolean builtins, boolean emails) {
        this.keys = keys;
        this.cards = builtins;
        for (char c = 0; c < 128; c++) {
            classes[c] = (byte) ((SecretShapes.isAlphanumeric(c) ? LETTER_OR_DIGIT : 0) | (isKeyChar(c) ? KEY_CHAR : 0));
        }
        if (builtins) {
            classes['e'] |= WORD_START | JWT;
            classes['b'] |= WORD_START | SCHEME;
            classes['B'] |= WORD_START | SCHEME;
            classes['A'] |= WORD_START | AWS;
        }
        if (!keys.isEmpty()) {
            classes['='] = ANYWHERE | KEY_VALUE;
            classes[':'] = ANYWHERE | KEY_VALUE;
        }
        if (emails) {
            classes['@'] = ANYWHERE | EMAIL;
        }
        this.idle = !builtins && !emails && keys.isEmpty();
    }

    /** @return {@code s} itself when nothing is sensitive, else a copy with each secret replaced by the mask */
    String scan(String s) {
        if (idle) {
            return s;
        }
        byte[] t = classes;
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int previous = 0;
        long card = cards ? Cards.find(s, 0, n) : NONE;
        int cardFrom = card >= 0 ? (int) (card >>> 32) : n;
        while (i < n) {
            long r;
            if (i >= cardFrom) {
                r = card; // nothing before the card reached into it
            } else {
                char c = s.charAt(i);
                int cls = c < 128 ? t[c] : 0;
                // Branch-free, so that the end of a word costs no mispredicted branch: go on unless ANYWHERE, or
                // WORD_START after a character that is no letter or digit (that bit, shifted, blocks WORD_START).
                if ((cls & (ANYWHERE | (WORD_START & ~(previous << 1)))) == 0) {
                    previous = cls;
                    i++;
                    continue;
                }
                r = check(cls & KIND, s, i, n, copied);
                if (r == NONE) {
                    previous = cls;
                    i++;
                    continue;
                }
            }
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
                i = Math.min((int) r, cardFrom);
            }
            if (cardFrom < i) { // the card was masked, or masked over: find the next one
                card = Cards.find(s, i, n);
                cardFrom = card >= 0 ? (int) (card >>> 32) : n;
            }
            previous = 0; // detectors check the character before them themselves
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /** The cheap test of the next characters first, then the detector. */
    private long check(int kind, String s, int i, int n, int copied) {
        switch (kind) {
            case JWT:
                return i + 14 <= n && s.charAt(i + 1) == 'y' && s.charAt(i + 2) == 'J' ? SecretShapes.jwt(s, i, n) : NONE;
            case SCHEME:
                char second = s.charAt(Math.min(i + 1, n - 1));
                return i + 6 < n && (second == 'e' || second == 'E' || second == 'a' || second == 'A') ? SecretShapes.scheme(s, i, n) : NONE;
            case AWS:
                return i + 20 <= n && s.charAt(i + 3) == 'A' ? SecretShapes.aws(s, i, n) : NONE;
            case KEY_VALUE:
                return keyValue(s, i, n, copied);
            default:
                return SecretShapes.email(s, i, n, copied);
        }
    }

    static long match(int from, int to) {
        return ((long) from << 32) | to;
    }

    /** A miss whose scan resumes at {@code index}: the characters before it cannot start a secret. */
    static long resumeAt(int index) {
        return Long.MIN_VALUE | index;
    }

    /**
     * {@code key=value}, {@code key: value}, {@code "key": "value"} whose key is sensitive: found at the {@code =} or
     * {@code :}, the key read backwards from there.
     */
    private long keyValue(String s, int i, int n, int copied) {
        if (s.charAt(i) == ':' && i > 0 && i + 1 < n && SecretShapes.isDigit(s.charAt(i - 1)) && SecretShapes.isDigit(s.charAt(i + 1))) {
            return NONE; // a time of day, 10:15:30, not "key: value"
        }
        int k = i;
        while (k > copied && i - k < 4 && s.charAt(k - 1) == ' ') {
            k--;
        }
        if (k > copied && (s.charAt(k - 1) == '"' || s.charAt(k - 1) == '\'')) {
            k--;
        }
        int keyEnd = k;
        int stop = Math.max(copied, keyEnd - 128);
        byte[] t = classes;
        char c;
        while (k > stop && (c = s.charAt(k - 1)) < 128 && (t[c] & KEY_CHAR) != 0) {
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
                to = SecretShapes.credentialEnd(s, to + 1, n); // token=Bearer abc: the credential is the second word
            }
        }
        if (to <= from || (to - from == Redaction.MASK.length() && s.startsWith(Redaction.MASK, from))) {
            return resumeAt(Math.max(to, i + 1));
        }
        return match(from, to);
    }

    private static boolean isKeyChar(char c) {
        return SecretShapes.isAlphanumeric(c) || c == '-' || c == '_' || c == '.';
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
