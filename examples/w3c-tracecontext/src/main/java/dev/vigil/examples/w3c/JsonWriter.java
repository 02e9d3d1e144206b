package dev.vigil.examples.w3c;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The serializing half of {@link Json}: compact output, no whitespace. Kept apart so that each half reads on its own.
 */
final class JsonWriter {
    private JsonWriter() {
    }

    /**
     * Writes a value as compact JSON. The output is pure ASCII: every character outside printable ASCII is written as
     * a {@code \}{@code uXXXX} escape (as Python's {@code json.dumps} does by default), which also keeps a lone
     * surrogate intact instead of letting UTF-8 encoding replace it with {@code ?}.
     *
     * @param value a value of the types {@link Json#parse} returns; any {@link Number} and {@link CharSequence} too
     * @return the JSON text
     * @throws IllegalArgumentException for other types and for non-finite numbers, which JSON cannot represent
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nesting deeper than " + Json.MAX_DEPTH);
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence) {
            writeString(value.toString(), out);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof BigDecimal) {
            out.append(((BigDecimal) value).toString()); // e.g. 1E+3: valid JSON, and exact
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.append(new BigDecimal(Double.toString(d)));
        } else if (value instanceof Number) {
            out.append(value); // integral types print as JSON integers
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                writeString(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out, depth + 1);
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                out.append(first ? "" : ",");
                first = false;
                write(element, out, depth + 1);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
