package dev.vigil;

/**
 * The secrets a {@link TextScanner} recognises by their shape: JSON Web Tokens, {@code Bearer} and {@code Basic}
 * credentials, AWS access key ids and e-mail addresses. Each detector is called at a candidate position only and
 * returns a {@link TextScanner#match} or -1.
 */
final class SecretShapes {
    private SecretShapes() {
    }

    /** {@code header.payload.signature}, each base64url, the header starting {@code eyJ} ({@code {"} encoded). */
    static long jwt(String s, int i, int n) {
        if (i + 2 >= n || s.charAt(i + 1) != 'y' || s.charAt(i + 2) != 'J' || (i > 0 && isBase64Url(s.charAt(i - 1)))) {
            return -1L;
        }
        int header = base64UrlEnd(s, i, n);
        if (header - i < 10 || header + 1 >= n || s.charAt(header) != '.') {
            return -1L;
        }
        int payload = base64UrlEnd(s, header + 1, n);
        if (payload - header - 1 < 2 || payload >= n || s.charAt(payload) != '.') {
            return -1L;
        }
        int end = base64UrlEnd(s, payload + 1, n);
        while (end + 1 < n && s.charAt(end) == '.' && isBase64Url(s.charAt(end + 1))) {
            end = base64UrlEnd(s, end + 1, n); // the five parts of an encrypted token
        }
        return TextScanner.match(i, end);
    }

    /** {@code Bearer <token>} and {@code Basic <base64>}: the scheme stays, the credential goes. */
    static long scheme(String s, int i, int n) {
        if (i > 0 && isAlphanumeric(s.charAt(i - 1))) {
            return -1L;
        }
        int word;
        if (s.regionMatches(true, i, "bearer", 0, 6)) {
            word = i + 6;
        } else if (s.regionMatches(true, i, "basic", 0, 5)) {
            word = i + 5;
        } else {
            return -1L;
        }
        int from = word;
        while (from < n && from - word < 4 && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        if (from == word) {
            return -1L;
        }
        int to = credentialEnd(s, from, n);
        // A miss resumes at the next character: "Bearer token=abc" must still reach the key-value check.
        return looksLikeCredential(s, from, to) ? TextScanner.match(from, to) : -1L;
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
    static long aws(String s, int i, int n) {
        if (i + 20 > n || (i > 0 && isAlphanumeric(s.charAt(i - 1)))) {
            return -1L;
        }
        char a = s.charAt(i + 1);
        char b = s.charAt(i + 2);
        char c = s.charAt(i + 3);
        boolean prefix = (b == 'I' && c == 'A' && (a == 'K' || a == 'S' || a == 'B')) || (a == 'C' && b == 'C' && c == 'A');
        if (!prefix) {
            return -1L;
        }
        for (int k = i + 4; k < i + 20; k++) {
            char d = s.charAt(k);
            if (!((d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9'))) {
                return -1L;
            }
        }
        return i + 20 < n && isAlphanumeric(s.charAt(i + 20)) ? -1L : TextScanner.match(i, i + 20);
    }

    /** {@code local@domain.tld}: the local part read backwards from the {@code @}, the top-level domain all letters. */
    static long email(String s, int i, int n, int copied) {
        int from = i;
        int limit = Math.max(copied, i - 64);
        while (from > limit && isEmailLocal(s.charAt(from - 1))) {
            from--;
        }
        while (from < i && s.charAt(from) == '.') {
            from++;
        }
        if (from == i) {
            return -1L;
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
            return -1L;
        }
        for (int k = lastLabel; k < end; k++) {
            char c = s.charAt(k);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return -1L;
            }
        }
        return TextScanner.match(from, end);
    }

    private static int base64UrlEnd(String s, int from, int n) {
        int j = from;
        while (j < n && isBase64Url(s.charAt(j))) {
            j++;
        }
        return j;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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

    private static boolean isEmailLocal(char c) {
        return isAlphanumeric(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
}
