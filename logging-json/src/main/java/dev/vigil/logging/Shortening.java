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
}
