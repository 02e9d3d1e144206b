package dev.vigil.internal;

/**
 * The little JSON that core writes itself (health), without a JSON library.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class Json {
    private Json() {
    }

    /**
     * Appends a quoted, escaped JSON string.
     *
     * @param b where to append
     * @param s the string
     * @return {@code b}
     */
    public static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"');
    }
}
