package dev.vigil.otel;

import dev.vigil.VigilConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads OpenTelemetry's header list ({@code otel.exporter.otlp.headers}: {@code name1=value1,name2=value2}, values
 * URL-encoded) and checks every entry at install, as the HTTP client would only at the first export. The list usually
 * holds the collector's credentials, so an error names the key and the entry's position, and never echoes any part
 * of the value: not the entry, not its name, not a decoding error (whose message would quote the text).
 */
final class OtlpHeaders {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private OtlpHeaders() {
    }

    /**
     * @param config the configuration
     * @param key {@code otel.exporter.otlp.headers} or its {@code traces} variant
     * @return the headers in order, empty when the key is unset; blank entries are skipped
     * @throws IllegalArgumentException naming the key and the entry, never showing the value
     */
    static Map<String, String> parse(VigilConfig config, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        String list = config.get(key);
        if (list == null) {
            return headers;
        }
        String[] entries = list.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (name.isEmpty()) {
                throw invalid(config, key, i, entries.length, "is not in the form name=value");
            }
            if (!isToken(name)) {
                throw invalid(config, key, i, entries.length, "has a name that is not a valid HTTP header name");
            }
            String value;
            try {
                value = URLDecoder.decode(entry.substring(eq + 1).trim(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Not chained: the decoder's message quotes the text.
                throw invalid(config, key, i, entries.length, "has a value that is not valid URL encoding (%XX)");
            }
            if (!isHeaderValue(value)) {
                throw invalid(config, key, i, entries.length,
                        "has a value with a control or non-ASCII character, which HTTP headers cannot carry");
            }
            headers.put(name, value);
        }
        return headers;
    }

    private static IllegalArgumentException invalid(VigilConfig config, String key, int index, int count, String problem) {
        return new IllegalArgumentException(config.describe(key) + " must be a comma-separated list of name=value"
                + " pairs with URL-encoded values; entry " + (index + 1) + " of " + count + " " + problem
                + ". The value is not shown, as it usually holds a credential.");
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHeaderValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return false;
            }
        }
        return true;
    }
}
