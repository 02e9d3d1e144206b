package dev.vigil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The price table: one {@link GenAiPrice} per provider and model, read from the price file and the builder's
 * {@code genAiPrice(...)} calls (which win). Immutable. The file is a small subset of YAML, read by hand since core
 * has no dependencies; {@code docs/genai.md} documents it:
 *
 * <pre>
 * # US dollars per million tokens
 * openai:
 *   gpt-4o-mini: {input: 0.15, output: 0.60, cache_read: 0.075}
 * anthropic:
 *   claude-sonnet-4: {input: 3.00, output: 15.00}
 * </pre>
 */
final class GenAiPrices {
    static final GenAiPrices EMPTY = new GenAiPrices(Map.of());

    private final Map<String, GenAiPrice> byModel;

    private GenAiPrices(Map<String, GenAiPrice> byModel) {
        this.byModel = Map.copyOf(byModel);
    }

    /**
     * @param file the price file, or null
     * @param where names the setting of the file, for error messages
     * @param explicit the builder's prices, keyed by {@link #key}
     * @throws IllegalArgumentException naming the setting when the file cannot be read or holds a bad line
     */
    static GenAiPrices of(Path file, String where, Map<String, GenAiPrice> explicit) {
        Map<String, GenAiPrice> all = new HashMap<>();
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(where + ": cannot read the GenAI price file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
            parse(lines, where, all);
        }
        all.putAll(explicit);
        return new GenAiPrices(all);
    }

    static String key(String provider, String model) {
        return GenAi.providerName(provider) + '\u0000' + model;
    }

    /**
     * The price of a call: the response model's (a dated version, say) when listed, else the request model's.
     *
     * @return the price, or null when neither model is listed
     */
    GenAiPrice find(String provider, String responseModel, String requestModel) {
        if (byModel.isEmpty()) {
            return null;
        }
        GenAiPrice p = responseModel == null ? null : byModel.get(provider + '\u0000' + responseModel);
        return p != null || requestModel == null ? p : byModel.get(provider + '\u0000' + requestModel);
    }

    int size() {
        return byModel.size();
    }

    private static void parse(List<String> lines, String where, Map<String, GenAiPrice> out) {
        String provider = null;
        for (int n = 1; n <= lines.size(); n++) {
            String line = stripComment(lines.get(n - 1));
            if (line.isBlank()) {
                continue;
            }
            String at = where + ", line " + n;
            if (!Character.isWhitespace(line.charAt(0))) {
                if (!line.trim().endsWith(":")) {
                    throw new IllegalArgumentException(at + ": expected a provider such as 'openai:'");
                }
                provider = unquote(line.trim().substring(0, line.trim().length() - 1));
                continue;
            }
            if (provider == null) {
                throw new IllegalArgumentException(at + ": a model must come under a provider");
            }
            int open = line.indexOf('{');
            int close = line.lastIndexOf('}');
            String head = open < 0 ? "" : line.substring(0, open).trim();
            if (open < 0 || close < open || !head.endsWith(":") || !line.substring(close + 1).isBlank()) {
                throw new IllegalArgumentException(at + ": expected '  model: {input: 0.15, output: 0.60, cache_read: 0.075}'");
            }
            String model = unquote(head.substring(0, head.length() - 1));
            out.put(key(provider, model), price(line.substring(open + 1, close), at));
        }
    }

    private static GenAiPrice price(String body, String at) {
        double input = Double.NaN;
        double output = Double.NaN;
        double cacheRead = Double.NaN;
        for (String entry : body.split(",")) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(at + ": expected 'name: price', not '" + entry.trim() + "'");
            }
            String name = entry.substring(0, colon).trim();
            double value = number(entry.substring(colon + 1).trim(), at);
            switch (name) {
                case "input": input = value; break;
                case "output": output = value; break;
                case "cache_read": cacheRead = value; break;
                default: throw new IllegalArgumentException(at + ": unknown price '" + name
                        + "'; the prices are input, output and cache_read");
            }
        }
        if (Double.isNaN(input) || Double.isNaN(output)) {
            throw new IllegalArgumentException(at + ": a model needs an input and an output price");
        }
        return GenAiPrice.of(input, output, Double.isNaN(cacheRead) ? input : cacheRead, at);
    }

    private static double number(String text, String at) {
        try {
            double d = Double.parseDouble(text);
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + ": a price must be a number of US dollars per million tokens, not '"
                    + text + "'");
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        while (hash > 0 && !Character.isWhitespace(line.charAt(hash - 1))) {
            hash = line.indexOf('#', hash + 1);
        }
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
