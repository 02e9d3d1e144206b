package dev.vigil.logging;

/** Cuts text to a budget of characters, marking the cut; used only after redaction, so no secret is cut in half. */
final class Shortening {
    static final String STACK_MARK = "\n\t... [shortened to fit the line]";
    static final String TEXT_MARK = " ... [shortened to fit the line]";

    private Shortening() {
    }

    /**
     * @param text the redacted text, longer than {@code budget}
     * @param budget the most characters to keep, marker included
     * @param lines cut at the last line break before the budget (stack traces), else anywhere (messages)
     * @return the shortened text
     */
    static String cut(String text, int budget, boolean lines) {
        String mark = lines ? STACK_MARK : TEXT_MARK;
        int keep = budget - mark.length();
        if (keep <= 0) {
            return budget >= mark.length() ? mark : "";
        }
        if (lines) {
            int nl = text.lastIndexOf('\n', keep);
            if (nl > 0) {
                keep = nl;
            }
        }
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never leave half a surrogate pair, which would encode as an invalid character
        }
        return text.substring(0, keep) + mark;
    }

    /**
     * How many characters to keep of {@code text[0, end)} so that at least {@code bytes} bytes of JSON-encoded UTF-8
     * are removed from its end: sizes each character as the encoder writes it, so the line lands close to its cap.
     */
    static int keepFor(String text, int end, long bytes) {
        int i = Math.min(end, text.length());
        long removed = 0;
        while (i > 0 && removed < bytes) {
            char c = text.charAt(--i);
            if (c == '\n' || c == '\t' || c == '\r' || c == '"' || c == '\\' || c == '\b' || c == '\f') {
                removed += 2;
            } else if (c < 0x20) {
                removed += 6;
            } else if (c < 0x80) {
                removed += 1;
            } else if (c < 0x800 || Character.isLowSurrogate(c)) {
                removed += 2; // a low surrogate and its high one make 4 bytes together
            } else {
                removed += Character.isHighSurrogate(c) ? 2 : 3;
            }
        }
        return i;
    }
}
