package dev.vigil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The sensitive-key half of a {@link Redaction}: which keys hold secrets, matched without allocating.
 *
 * <p>A key is split into words at {@code -}, {@code _}, {@code .} (and any other character that is not an ASCII
 * letter or digit), at a lower-to-upper case change
 * ({@code accessToken}), at the end of an acronym ({@code XApiKey}) and where letters meet digits
 * ({@code oauth2}). A key is sensitive when one entry, with its separators dropped and its case ignored, spells one
 * or more consecutive whole words: {@code token} matches {@code access_token}, {@code X-Token} and
 * {@code csrfToken}; {@code api_key} (or {@code apikey}) matches {@code x-api-key} and {@code apiKey}; {@code token}
 * does not match {@code tokens} or {@code tokenizer}, nor {@code password} {@code passwordless}.
 */
final class SensitiveKeys {
    static final SensitiveKeys NONE = new SensitiveKeys(new String[0], new boolean[0]);
    /** Header-like keys whose values hold spaces and {@code ;} ({@code Bearer x}, {@code a=1; b=2}): masked to the line end. */
    private static final List<String> LINE_VALUED = List.of("authorization", "cookie", "setcookie");

    /** Entries in lower case without separators; index by first character in {@link #byFirst}. */
    private final String[] entries;
    private final boolean[] lineValued;
    /** For 'a'..'z' then '0'..'9': the indexes of the entries starting with it. */
    private final int[][] byFirst = new int[36][];
    /** Per ASCII character: whether some entry starts with it, in either case; the one test most characters get. */
    private final boolean[] starts = new boolean[128];
    /** Per slot: the slots of the entries' second characters as bits, or all bits when an entry has one character. */
    private final long[] seconds = new long[36];

    private SensitiveKeys(String[] entries, boolean[] lineValued) {
        this.entries = entries;
        this.lineValued = lineValued;
        for (int slot = 0; slot < byFirst.length; slot++) {
            List<Integer> found = new ArrayList<>();
            for (int e = 0; e < entries.length; e++) {
                if (slot(entries[e].charAt(0)) == slot) {
                    found.add(e);
                }
            }
            byFirst[slot] = found.stream().mapToInt(Integer::intValue).toArray();
        }
        for (String e : entries) {
            char c = e.charAt(0);
            starts[c] = true;
            starts[Character.toUpperCase(c)] = true;
            seconds[slot(c)] |= e.length() == 1 ? -1L : 1L << slot(e.charAt(1));
        }
    }

    /**
     * @param keys more sensitive keys, in any case, with any of {@code - _ .} as separators
     * @return these entries plus {@code keys}
     * @throws IllegalArgumentException when a key is null or holds nothing but separators or other characters
     */
    SensitiveKeys plus(String... keys) {
        List<String> all = new ArrayList<>(Arrays.asList(entries));
        for (String k : keys) {
            String n = normalize(k);
            if (!all.contains(n)) {
                all.add(n);
            }
        }
        boolean[] line = new boolean[all.size()];
        for (int i = 0; i < line.length; i++) {
            line[i] = LINE_VALUED.contains(all.get(i));
        }
        return new SensitiveKeys(all.toArray(new String[0]), line);
    }

    static String normalize(String key) {
        if (key == null) {
            throw new IllegalArgumentException("a sensitive key must not be null");
        }
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isSeparator(c)) {
                continue;
            }
            if (!isAsciiLetterOrDigit(c)) {
                throw new IllegalArgumentException("sensitive key '" + key
                        + "' may hold only ASCII letters, digits, '-', '_' and '.'");
            }
            b.append(c);
        }
        if (b.length() == 0) {
            throw new IllegalArgumentException("a sensitive key must hold at least one letter or digit");
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    boolean isEmpty() {
        return entries.length == 0;
    }

    /** @return the entries, normalized, for equality and display */
    List<String> entries() {
        return List.of(entries);
    }

    /** @return whether the value of the entry {@code index} runs to the end of its line in free text */
    boolean lineValued(int index) {
        return lineValued[index];
    }

    /**
     * @return the index of the entry that {@code s[from, to)} matches, or -1; allocates nothing
     */
    int match(String s, int from, int to) {
        if (entries.length == 0) {
            return -1;
        }
        boolean[] first = starts;
        for (int p = from; p < to; p++) {
            char c = s.charAt(p);
            // Most characters start no entry: test that before the word boundary, which reads more characters.
            if (c >= 128 || !first[c] || (p > from && !boundary(s, p, to))) {
                continue;
            }
            int slot = slot(c);
            int q = p + 1;
            while (q < to && isSeparator(s.charAt(q))) {
                q++;
            }
            // The second letter rules out nearly every word that merely starts like an entry (plan, total).
            int second = q < to ? slot(s.charAt(q)) : -1;
            if (second < 0 ? seconds[slot] != -1L : (seconds[slot] & (1L << second)) == 0) {
                continue;
            }
            for (int e : byFirst[slot]) {
                if (matchesAt(s, p, to, entries[e])) {
                    return e;
                }
            }
        }
        return -1;
    }

    private static boolean matchesAt(String s, int p, int to, String entry) {
        int i = p;
        for (int j = 0; j < entry.length(); i++) {
            if (i >= to) {
                return false;
            }
            char c = s.charAt(i);
            if (isSeparator(c)) {
                continue;
            }
            if (lower(c) != entry.charAt(j)) {
                return false;
            }
            j++;
        }
        return i == to || boundary(s, i, to);
    }

    /** Whether a word starts at {@code i} (0 &lt; i &lt; to): see the class comment. */
    private static boolean boundary(String s, int i, int to) {
        char prev = s.charAt(i - 1);
        char c = s.charAt(i);
        if (!isAsciiLetterOrDigit(prev) || !isAsciiLetterOrDigit(c)) {
            return true;
        }
        if (isUpper(c)) {
            return !isUpper(prev) || (i + 1 < to && isLower(s.charAt(i + 1)));
        }
        return isDigit(c) != isDigit(prev);
    }

    private static int slot(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return 26 + c - '0';
        }
        return -1;
    }

    static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isLower(c) || isUpper(c) || isDigit(c);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char lower(char c) {
        return isUpper(c) ? (char) (c + 32) : c;
    }
}
