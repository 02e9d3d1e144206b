package dev.vigil.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON {@link FakeOpenAiServer} reads and writes: the few request fields it acts on, found by pattern rather
 * than a full parser (the requests come from OpenAI clients, whose bodies are well formed), and the response bodies
 * in the shape of OpenAI's chat completions, chunks, embeddings and errors.
 */
final class OpenAiWire {
    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final Pattern INCLUDE_USAGE = Pattern.compile("\"include_usage\"\\s*:\\s*true");
    private static final Pattern INPUT = Pattern.compile("\"input\"\\s*:\\s*(\\[(?:[^\\]\"]|\"(?:[^\"\\\\]|\\\\.)*\")*]|\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");
    private static final long CREATED = 1_700_000_000L;

    /** Token counts as OpenAI reports them. */
    record Usage(int prompt, int completion, int cached, int reasoning) {
        String json() {
            return "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                    + ",\"total_tokens\":" + (prompt + completion)
                    + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "}"
                    + ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoning + "}}";
        }
    }

    private OpenAiWire() {
    }

    static FakeOpenAiServer.Request parse(String path, String body) {
        Matcher model = MODEL.matcher(body);
        List<String> inputs = new ArrayList<>();
        Matcher input = INPUT.matcher(body);
        if (input.find()) {
            Matcher s = STRING.matcher(input.group(1));
            while (s.find()) {
                inputs.add(unescape(s.group(1)));
            }
        }
        return new FakeOpenAiServer.Request(path, model.find() ? unescape(model.group(1)) : null,
                STREAM.matcher(body).find(), INCLUDE_USAGE.matcher(body).find(), List.copyOf(inputs), body);
    }

    /** @return the text cut before each run of white space: "a b" gives "a", " b" */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words.isEmpty() ? List.of(text) : words;
    }

    static String completion(String model, String content, String finishReason, Usage usage) {
        return "{\"id\":\"chatcmpl-vigil\",\"object\":\"chat.completion\",\"created\":" + CREATED
                + ",\"model\":" + quote(model) + ",\"system_fingerprint\":\"fp_vigil\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "},"
                + "\"finish_reason\":" + quote(finishReason) + "}],\"usage\":" + usage.json() + "}";
    }

    static String chunk(String model, boolean first, String text, String finishReason) {
        String role = first ? "\"role\":\"assistant\"," : "";
        return "{\"id\":\"chatcmpl-vigil\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,\"delta\":{" + role
                + "\"content\":" + quote(text) + "},\"finish_reason\":" + quote(finishReason) + "}]}";
    }

    static String usageChunk(String model, Usage usage) {
        return "{\"id\":\"chatcmpl-vigil\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":" + quote(model) + ",\"choices\":[],\"usage\":" + usage.json() + "}";
    }

    /** Vectors hash each lower-cased word into a dimension; usage counts the words of all inputs. */
    static String embeddings(String model, List<String> inputs, int dimensions) {
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            double[] vector = new double[dimensions];
            for (String word : words(inputs.get(i))) {
                String w = word.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
                if (!w.isEmpty()) {
                    vector[Math.floorMod(w.hashCode(), dimensions)] += 1;
                    tokens++;
                }
            }
            b.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
            for (int d = 0; d < dimensions; d++) {
                b.append(d == 0 ? "" : ",").append(vector[d]);
            }
            b.append("]}");
        }
        return b.append("],\"model\":").append(quote(model)).append(",\"usage\":{\"prompt_tokens\":").append(tokens)
                .append(",\"total_tokens\":").append(tokens).append("}}").toString();
    }

    static String error(int status) {
        String type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
        return "{\"error\":{\"message\":\"loopback model server: HTTP " + status + "\",\"type\":\"" + type
                + "\",\"param\":null,\"code\":\"" + type + "\"}}";
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, Math.min(i + 5, s.length())), 16));
                    i += 4;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
