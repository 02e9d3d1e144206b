package dev.vigil.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The parsed head of one HTTP/1.x request: request line and header fields. The management server reads no
 * request bodies, so a request that announces one ({@link #hasBody()}) is answered and its connection closed.
 *
 * <p>Internal: not part of Vigil's API.
 */
final class HttpRequestHead {
    private final String method;
    private final String target;
    private final String path;
    private final boolean http11;
    private final Map<String, String> headers;
    private final boolean hasBody;

    /**
     * @param method the method token, case-sensitive as HTTP defines it
     * @param target the request target as sent
     * @param path the target's path without query, or {@code *}
     * @param http11 true for HTTP/1.1, false for HTTP/1.0
     * @param headers the first value of each field, by lower-case name
     * @param hasBody whether the request announces a body
     */
    HttpRequestHead(String method, String target, String path, boolean http11, Map<String, String> headers, boolean hasBody) {
        this.method = method;
        this.target = target;
        this.path = path;
        this.http11 = http11;
        this.headers = Map.copyOf(headers);
        this.hasBody = hasBody;
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    String path() {
        return path;
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    /**
     * @param name a field name, any case
     * @return the first value of that field, or null
     */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean hasBody() {
        return hasBody;
    }

    /**
     * Whether the client lets the connection stay open: HTTP/1.1 unless it sent {@code Connection: close},
     * HTTP/1.0 only with {@code Connection: keep-alive}; never after a body the server did not read.
     *
     * @return true to keep the connection for the next request
     */
    boolean keepAlive() {
        if (hasBody) {
            return false;
        }
        String connection = header("connection");
        if (http11) {
            return !hasToken(connection, "close");
        }
        return hasToken(connection, "keep-alive");
    }

    private static boolean hasToken(String list, String token) {
        if (list == null) {
            return false;
        }
        for (String part : list.split(",", -1)) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return method + ' ' + target + (http11 ? " HTTP/1.1" : " HTTP/1.0");
    }
}
