package dev.vigil;

/**
 * Payment card numbers in free text: 13 to 19 digits that pass the Luhn check and start with 2 to 6 (the
 * major industry identifiers of card networks), written together or in groups of 3 to 6 digits separated by one
 * space or one dash, the first group of four ({@code 4111 1111 1111 1111}, {@code 3782-822463-10005}).
 *
 * <p>What keeps ordinary numbers out: a number that touches a letter, a {@code .}, {@code _} or {@code +}
 * (hexadecimal ids, decimals, phone numbers) or continues past 19 digits (all-digit UUIDs, nanosecond times) is
 * not a card, and epoch timestamps start with 1.
 */
final class Cards {
    /**
     * One character in this many is read by {@link #find}: a card covers at least 13 characters, each a digit or a
     * separator between digits, so every card holds a sampled character.
     */
    private static final int STRIDE = 13;

    private Cards() {
    }

    /**
     * The first card that starts at or after {@code from}, reading one character in {@link #STRIDE} and looking
     * closer only around a digit (or a separator between digits): about 15 reads for a 200-character line.
     *
     * @return a {@link TextScanner#match} of the card, or -1
     */
    static long find(String s, int from, int n) {
        for (int p = from + STRIDE - 1; p < n; p += STRIDE) {
            char c = s.charAt(p);
            if (!isDigit(c) && !((c == ' ' || c == '-') && isDigit(s.charAt(p - 1)) && p + 1 < n && isDigit(s.charAt(p + 1)))) {
                continue;
            }
            // The run of digits and separators around p; a card in it starts at most 25 characters before p.
            int start = p;
            while (start > from && p - start < 32 && isDigitOrSeparator(s.charAt(start - 1))) {
                start--;
            }
            int end = p + 1;
            while (end < n && isDigitOrSeparator(s.charAt(end))) {
                end++;
            }
            if (end - start >= 13) {
                for (int k = start; k < end; ) {
                    if (isDigit(s.charAt(k)) && (k == 0 || !isDigit(s.charAt(k - 1)))) {
                        long r = detect(s, k, n);
                        if (r >= 0) {
                            return r;
                        }
                        k = Math.max(k + 1, (int) r);
                    } else {
                        k++;
                    }
                }
            }
            // Every card starting from end on still holds a sample: the next one is at most end + 12.
            p = Math.max(p, end - 1);
        }
        return -1L;
    }

    /**
     * @param i the index of a digit
     * @return a {@link TextScanner#match} of the card, or a {@link TextScanner#resumeAt} past the first group
     */
    static long detect(String s, int i, int n) {
        if (i > 0) {
            char p = s.charAt(i - 1);
            if (SecretShapes.isAlphanumeric(p) || p == '.' || p == '_' || p == '+' || (p == '-' && i > 1 && isDigit(s.charAt(i - 2)))) {
                return -1L;
            }
        }
        char first = s.charAt(i);
        boolean network = first >= '2' && first <= '6';
        int j = i;
        int total = 0;
        int firstGroupEnd = -1;
        int best = -1;
        char separator = 0;
        while (true) {
            int group = 0;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
                group++;
                total++;
            }
            if (firstGroupEnd < 0) {
                firstGroupEnd = j;
            }
            boolean shaped = separator == 0 || (group >= 3 && group <= 6);
            if (network && shaped && total >= 13 && total <= 19 && endsNumber(s, j, n) && luhn(s, i, j)) {
                best = j; // the longest candidate wins: keep going
            }
            if (shaped && total < 19 && j + 1 < n && isDigit(s.charAt(j + 1))
                    && (separator == 0 ? group == 4 && (s.charAt(j) == ' ' || s.charAt(j) == '-') : s.charAt(j) == separator)) {
                separator = s.charAt(j);
                j++;
                continue;
            }
            break;
        }
        // A miss skips only the first group, so a card written after a year ("2024 4111 1111 ...") is still seen.
        return best >= 0 ? TextScanner.match(i, best) : TextScanner.resumeAt(firstGroupEnd);
    }

    /** Whether a number ends at {@code j}: not glued to a letter, nor to a decimal part ({@code 4111...1111.50}). */
    private static boolean endsNumber(String s, int j, int n) {
        if (j >= n) {
            return true;
        }
        char c = s.charAt(j);
        if (SecretShapes.isAlphanumeric(c) || c == '_') {
            return false;
        }
        return !((c == '.' || c == ',') && j + 1 < n && isDigit(s.charAt(j + 1)));
    }

    /** The Luhn check over the digits of {@code s[from, to)}, separators skipped. */
    static boolean luhn(CharSequence s, int from, int to) {
        int sum = 0;
        boolean twice = false;
        for (int k = to - 1; k >= from; k--) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static boolean isDigitOrSeparator(char c) {
        return isDigit(c) || c == ' ' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
