package dev.vigil.internal.operations;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Quoting and formatting for the generated YAML and PromQL, in one place: every value that comes from the user
 * (a route, a timer name, a service name) passes through here, so none can break out of its string.
 */
final class Text {
    private Text() {
    }

    /** @return {@code value} as a YAML single-quoted scalar: only {@code '} needs escaping, as {@code ''} */
    static String yaml(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** @return {@code value} as a PromQL double-quoted string, backslash, quote and line breaks escaped */
    static String promqlString(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '"': b.append("\\\""); break;
                case '\n': b.append("\\n"); break;
                default: b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** @return a literal for an alert annotation: Prometheus expands Go templates there, so no {@code {{} may pass */
    static String annotationLiteral(String value) {
        return value.replace("{{", "{ {").replace("}}", "} }");
    }

    /** @return the shortest plain decimal of a number: {@code 0.5}, {@code 1}, {@code 0.0144} */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A matcher on a bucket's {@code le} label that accepts both spellings of a boundary: Micrometer writes Java's
     * ({@code 1.0}), Prometheus 3 normalises to the shortest one ({@code 1}). The dot is {@code [.]}, so no
     * backslash needs escaping in YAML or PromQL.
     *
     * @return for example {@code le=~"1|1[.]0"}
     */
    static String leMatcher(double boundary) {
        String plain = number(boundary);
        String java = Double.toString(boundary);
        String alternatives = plain.equals(java) ? plain.replace(".", "[.]")
                : plain.replace(".", "[.]") + '|' + java.replace(".", "[.]");
        return "le=~\"" + alternatives + '"';
    }

    /** @return the {@code le} value Micrometer writes for a boundary, for test series */
    static String leValue(double boundary) {
        return Double.toString(boundary);
    }

    /** @return {@code a * b} as {@link #number(double)} writes it, computed in decimal (14.4 x 0.001 is 0.0144) */
    static String product(double a, double b) {
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(b)).stripTrailingZeros().toPlainString();
    }

    /** @return a Prometheus duration: the largest of d, h, m, s that divides it, for example {@code 30d}, {@code 90m} */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** @return a dotted metric name with dashes, as Prometheus renders it: dots and dashes become underscores */
    static String prometheusName(String dotted) {
        return dotted.replace('.', '_').replace('-', '_');
    }
}
