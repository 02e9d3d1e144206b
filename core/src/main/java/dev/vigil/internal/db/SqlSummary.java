package dev.vigil.internal.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a statement does, read from its SQL by a small tokenizer: the operation ({@code SELECT}), the tables it
 * names and the low-cardinality summary ({@code SELECT orders}). Bounded: only the first {@link #MAX_SCAN}
 * characters are read, without regular expressions, so a huge statement costs no more than a short one.
 * Results are cached per SQL string, up to {@link #MAX_CACHED} entries. Immutable.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class SqlSummary {
    static final int MAX_SCAN = 4096;
    static final int MAX_CACHED = 1024;
    private static final int MAX_TABLES = 4;
    private static final SqlSummary NONE = new SqlSummary(null, List.of());
    private static final ConcurrentHashMap<String, SqlSummary> CACHE = new ConcurrentHashMap<>();

    private final String operation;
    private final List<String> tables;
    private final String summary;

    private SqlSummary(String operation, List<String> tables) {
        this.operation = operation;
        this.tables = List.copyOf(tables);
        this.summary = operation == null ? null : tables.isEmpty() ? operation : operation + ' ' + String.join(" ", tables);
    }

    /**
     * @param sql a statement, or null
     * @return what it does; all parts null when it cannot be read
     */
    public static SqlSummary of(String sql) {
        if (sql == null) {
            return NONE;
        }
        SqlSummary s = CACHE.get(sql);
        if (s == null) {
            try {
                s = parse(sql);
            } catch (RuntimeException e) {
                s = NONE; // unreadable: no summary rather than a failure in the host's query
            }
            if (CACHE.size() < MAX_CACHED && sql.length() <= MAX_SCAN) {
                CACHE.putIfAbsent(sql, s);
            }
        }
        return s;
    }

    /** @return the operation, for example {@code SELECT} or {@code CREATE TABLE}, or null */
    public String operation() {
        return operation;
    }

    /** @return the one table the statement names, or null when it names none or several */
    public String collection() {
        return tables.size() == 1 ? tables.get(0) : null;
    }

    /** @return the summary, for example {@code SELECT orders customers}, or null */
    public String summary() {
        return summary;
    }

    /**
     * @param batchOperation the batch's common operation
     * @return the summary of a batch: {@code BATCH INSERT orders}
     */
    public SqlSummary asBatch(String batchOperation) {
        return operation == null ? NONE : new SqlSummary("BATCH " + batchOperation, tables);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlSummary s && java.util.Objects.equals(operation, s.operation) && tables.equals(s.tables);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(operation) * 31 + tables.hashCode();
    }

    static SqlSummary parse(String sql) {
        List<String> words = words(sql);
        if (words.isEmpty()) {
            return NONE;
        }
        String first = words.get(0).toUpperCase(Locale.ROOT);
        List<String> tables = new ArrayList<>(2);
        switch (first) {
            case "SELECT", "DELETE" -> {
                for (int i = 1; i < words.size() - 1; i++) {
                    String w = words.get(i);
                    if (w.equalsIgnoreCase("FROM") || w.equalsIgnoreCase("JOIN")) {
                        addTable(tables, words.get(i + 1));
                    } else if (w.equals(",") && i > 1 && tables.size() > 0 && isName(words.get(i + 1))
                            && inFromList(words, i)) {
                        addTable(tables, words.get(i + 1));
                    }
                }
                return new SqlSummary(first, tables);
            }
            case "INSERT", "MERGE", "REPLACE" -> {
                int into = indexOf(words, "INTO");
                if (into > 0 && into + 1 < words.size()) {
                    addTable(tables, words.get(into + 1));
                }
                return new SqlSummary(first, tables);
            }
            case "UPDATE", "CALL", "TRUNCATE" -> {
                int i = 1;
                if (i < words.size() && words.get(i).equalsIgnoreCase("TABLE")) {
                    i++;
                }
                if (i < words.size()) {
                    addTable(tables, words.get(i));
                }
                return new SqlSummary(first, tables);
            }
            case "CREATE", "DROP", "ALTER" -> {
                if (words.size() < 2 || !isName(words.get(1))) {
                    return NONE;
                }
                String op = first + ' ' + words.get(1).toUpperCase(Locale.ROOT);
                for (int i = 2; i < words.size() && i < 6; i++) {
                    String w = words.get(i).toUpperCase(Locale.ROOT);
                    if (!w.equals("IF") && !w.equals("NOT") && !w.equals("EXISTS")) {
                        addTable(tables, words.get(i));
                        break;
                    }
                }
                return new SqlSummary(op, tables);
            }
            default -> {
                return NONE;
            }
        }
    }

    private static boolean inFromList(List<String> words, int comma) {
        // Walks back to the nearest clause keyword: a comma belongs to a FROM list only if FROM comes first.
        for (int j = comma - 1; j >= 0 && j > comma - 16; j--) {
            String w = words.get(j).toUpperCase(Locale.ROOT);
            if (w.equals("FROM")) {
                return true;
            }
            if (w.equals("SELECT") || w.equals("WHERE") || w.equals("(") || w.equals("ON") || w.equals("BY")) {
                return false;
            }
        }
        return false;
    }

    private static int indexOf(List<String> words, String keyword) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equalsIgnoreCase(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private static void addTable(List<String> tables, String word) {
        if (isName(word) && tables.size() < MAX_TABLES && !tables.contains(word)) {
            tables.add(word);
        }
    }

    private static boolean isName(String w) {
        char c = w.charAt(0);
        return Character.isLetter(c) || c == '_';
    }

    /** Names (unquoted), and the punctuation {@code ,} and {@code (}; literals and comments are skipped. */
    static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        int n = Math.min(sql.length(), MAX_SCAN);
        int i = 0;
        while (i < n && out.size() < 256) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = skipQuoted(sql, i, n, '\'');
            } else if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = skipQuoted(sql, i, n, close);
                if (end - 1 > i + 1) {
                    out.add(sql.substring(i + 1, end - 1));
                }
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && isNamePart(sql.charAt(i))) {
                    i++;
                }
                out.add(sql.substring(start, i));
            } else {
                if (c == ',' || c == '(') {
                    out.add(String.valueOf(c));
                }
                i++;
            }
        }
        return out;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
    }

    /** @return the index just past the closing quote (a doubled quote is an escaped one), or {@code n} */
    static int skipQuoted(String sql, int open, int n, char close) {
        int i = open + 1;
        while (i < n) {
            if (sql.charAt(i) == close) {
                if (i + 1 < n && sql.charAt(i + 1) == close && close != ']') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }
}
