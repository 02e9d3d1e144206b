package dev.vigil.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the head of an HTTP/1.x request (RFC 9112) from the bytes received so far, strictly: a request the
 * parser is unsure of is refused rather than guessed at, since the management endpoint faces the network.
 * Lines may end in CRLF or a bare LF; empty lines before the request line are skipped, as RFC 9112 allows.
 *
 * <p>Internal: not part of Vigil's API.
 */
final class HttpHeadParser {
    /** Header fields a request may carry; more are refused with 431. */
    static final int MAX_FIELDS = 100;

    private HttpHeadParser() {
    }

    /** A head that was complete: the request and how many bytes it took. */
    static final class Parsed {
        final HttpRequestHead head;
        final int length;

        Parsed(HttpRequestHead head, int length) {
            this.head = head;
            this.length = length;
        }
    }

    /** A request that cannot be served; {@link #status} is the answer (400, 431 or 505). */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Rejected(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    /**
     * @param buf the received bytes
     * @param len how many of them are valid
     * @return the parsed head, or null while the empty line that ends it has not arrived
     * @throws Rejected when the head is malformed or too large
     */
    static Parsed parse(byte[] buf, int len) throws Rejected {
        int start = 0;
        while (start < len && (buf[start] == '\r' || buf[start] == '\n')) {
            start++;
        }
        int end = -1;
        int lineStart = start;
        for (int i = start; i < len; i++) {
            if (buf[i] == '\n') {
                int lineEnd = i > lineStart && buf[i - 1] == '\r' ? i - 1 : i;
                if (lineEnd == lineStart && lineStart > start) {
                    end = i + 1;
                    break;
                }
                lineStart = i + 1;
            }
        }
        if (end < 0) {
            return null;
        }
        String[] lines = new String(buf, start, end - start, StandardCharsets.ISO_8859_1).split("\n", -1);
        // The last two entries are the empty line and what follows its LF: both empty.
        int count = lines.length - 2;
        if (count - 1 > MAX_FIELDS) {
            throw new Rejected(431, "too many header fields");
        }
        String[] requestLine = stripCr(lines[0]).split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()) {
            throw new Rejected(400, "malformed request line");
        }
        boolean http11 = version(requestLine[2]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < count; i++) {
            field(stripCr(lines[i]), headers);
        }
        if (http11 && !headers.containsKey("host")) {
            throw new Rejected(400, "HTTP/1.1 request without Host");
        }
        String target = requestLine[1];
        return new Parsed(new HttpRequestHead(requestLine[0], target, path(target), http11, headers, hasBody(headers)), end);
    }

    private static String stripCr(String line) throws Rejected {
        String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (s.indexOf('\r') >= 0) {
            throw new Rejected(400, "bare CR");
        }
        return s;
    }

    private static boolean version(String v) throws Rejected {
        if ("HTTP/1.1".equals(v)) {
            return true;
        }
        if ("HTTP/1.0".equals(v)) {
            return false;
        }
        if (v.matches("HTTP/[0-9]\\.[0-9]")) {
            throw new Rejected(505, "unsupported version");
        }
        throw new Rejected(400, "malformed version");
    }

    private static void field(String line, Map<String, String> headers) throws Rejected {
        int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.substring(0, colon))) {
            // Also refuses obsolete line folding, and whitespace before the colon (RFC 9112 5.1, 5.2).
            throw new Rejected(400, "malformed header field");
        }
        String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new Rejected(400, "control character in a header field");
            }
        }
        String previous = headers.putIfAbsent(name, value);
        if (previous != null && "content-length".equals(name) && !previous.equals(value)) {
            throw new Rejected(400, "conflicting Content-Length");
        }
    }

    private static boolean hasBody(Map<String, String> headers) throws Rejected {
        if (headers.containsKey("transfer-encoding")) {
            return true;
        }
        String length = headers.get("content-length");
        if (length == null) {
            return false;
        }
        if (length.isEmpty() || length.length() > 18 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Rejected(400, "malformed Content-Length");
        }
        return Long.parseLong(length) > 0;
    }

    /** The path of an origin-form or absolute-form target, without the query; {@code *} as is. */
    private static String path(String target) throws Rejected {
        String rest = target;
        if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            rest = slash < 0 ? "/" : target.substring(slash);
        } else if ("*".equals(target)) {
            return target;
        } else if (!target.startsWith("/")) {
            throw new Rejected(400, "malformed request target");
        }
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
            if (c <= 0x20 || c >= 0x7f) {
                throw new Rejected(400, "malformed request target");
            }
        }
        return rest.substring(0, end);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
