package dev.vigil.internal.db;

/**
 * Query text safe to export: string and numeric literals become {@code ?}, comments are dropped (they may
 * carry anything) and an {@code IN} list of literals collapses to {@code IN (?)}, so that the text neither
 * leaks values nor varies with the list's length. One pass, no regular expressions, bounded to
 * {@link #MAX_LENGTH} characters of input.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class SqlSanitizer {
    static final int MAX_LENGTH = 8192;

    private SqlSanitizer() {
    }

    /**
     * @param sql a statement, or null
     * @return the sanitized text, or null for null
     */
    public static String sanitize(String sql) {
        if (sql == null) {
            return null;
        }
        try {
            return scan(sql);
        } catch (RuntimeException e) {
            return null; // no text rather than a failure in the host's query
        }
    }

    private static String scan(String sql) {
        int n = Math.min(sql.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 || end >= n ? n : end + 2;
            } else if (c == '\'') {
                out.append('?');
                i = SqlSummary.skipQuoted(sql, i, n, '\'');
            } else if (c == '"' || c == '`') {
                int end = SqlSummary.skipQuoted(sql, i, n, c);
                out.append(sql, i, end); // a quoted identifier, not a value
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$' || sql.charAt(i) == '.')) {
                    i++;
                }
                out.append(sql, start, i);
                if (i - start == 2 && sql.regionMatches(true, start, "in", 0, 2)) {
                    int end = literalList(sql, i, n);
                    if (end > 0) {
                        out.append(" (?)");
                        i = end;
                    }
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                out.append('?');
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++; // digits, a decimal point, an exponent, a hex prefix
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * @return the index past the {@code )} of a parenthesised list made only of literals and placeholders that
     *     starts after optional blanks at {@code from}, or -1 when there is none
     */
    private static int literalList(String sql, int from, int n) {
        int i = from;
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        if (i >= n || sql.charAt(i) != '(') {
            return -1;
        }
        i++;
        boolean any = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ')') {
                return any ? i + 1 : -1;
            }
            if (c == '\'') {
                i = SqlSummary.skipQuoted(sql, i, n, '\'');
                any = true;
            } else if (c == '?' || Character.isDigit(c) || c == '.' || c == '-' || c == '+') {
                i++;
                any = true;
            } else if (c == ',' || Character.isWhitespace(c)) {
                i++;
            } else {
                return -1; // a sub-query or an expression: left as it is, its literals still replaced
            }
        }
        return -1;
    }
}
