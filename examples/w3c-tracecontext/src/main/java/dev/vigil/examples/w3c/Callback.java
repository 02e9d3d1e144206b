package dev.vigil.examples.w3c;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One element of the harness's instruction, {@code {"url": ..., "arguments": ...}}: POST {@code body} to {@code url}.
 *
 * @param url where to call back; http or https, absolute
 * @param body the element's {@code arguments}, re-serialized as JSON; {@code []} when absent or null
 */
record Callback(URI url, String body) {

    /**
     * Reads the body of {@code POST /test}: a JSON array of callback instructions.
     *
     * <p>An absent or {@code null} {@code arguments} becomes {@code []}, as the harness itself does
     * ({@code action['arguments'] or []}), because the harness's callback handler parses every body as JSON and an empty
     * body would fail it. Elements the service cannot act on (not an object, no usable {@code url}) are skipped rather
     * than failing the whole request: the other callbacks can still be made.
     *
     * @param json the request body
     * @return the callbacks, in order
     * @throws IllegalArgumentException when the body is not JSON or not an array
     */
    static List<Callback> parseAll(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof List)) {
            throw new IllegalArgumentException("expected a JSON array of {\"url\", \"arguments\"} objects");
        }
        List<Callback> callbacks = new ArrayList<>();
        for (Object element : (List<?>) parsed) {
            Callback c = of(element);
            if (c != null) {
                callbacks.add(c);
            }
        }
        return callbacks;
    }

    private static Callback of(Object element) {
        if (!(element instanceof Map)) {
            return null;
        }
        Map<?, ?> map = (Map<?, ?>) element;
        URI url = uri(map.get("url"));
        if (url == null) {
            return null;
        }
        Object arguments = map.get("arguments");
        return new Callback(url, Json.write(arguments == null ? List.of() : arguments));
    }

    private static URI uri(Object value) {
        if (!(value instanceof String)) {
            return null;
        }
        try {
            URI uri = URI.create((String) value);
            String scheme = uri.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return http && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
