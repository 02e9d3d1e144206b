package dev.vigil.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One immutable HTTP/1.1 response of the management server: status, header fields and body. It frames itself
 * ({@code Content-Length}, {@code Connection}, {@code Date}) when encoded, so a handler cannot get the framing
 * wrong.
 *
 * <p>Internal: not part of Vigil's API.
 */
final class HttpReply {
    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final List<String> headers;
    private final byte[] body;

    private HttpReply(int status, List<String> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * @param status the status code
     * @param contentType the body's media type
     * @param body the body
     * @return a reply with a body
     */
    static HttpReply of(int status, String contentType, byte[] body) {
        return new HttpReply(status, List.of("Content-Type", contentType), body);
    }

    /**
     * @param status the status code
     * @param contentType the body's media type
     * @param text the body, encoded as UTF-8
     * @return a reply with a text body
     */
    static HttpReply text(int status, String contentType, String text) {
        return of(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param status the status code
     * @return a reply with an empty body ({@code Content-Length: 0}, or none at all for 204)
     */
    static HttpReply empty(int status) {
        return new HttpReply(status, List.of(), EMPTY);
    }

    /**
     * A reply to {@code HEAD} whose body was never produced, so it carries no {@code Content-Length}
     * (RFC 9110 9.3.2 lets it be left out).
     *
     * @param status the status code
     * @param contentType the media type a {@code GET} would have had
     * @return a reply with no body and no length
     */
    static HttpReply headOnly(int status, String contentType) {
        return new HttpReply(status, List.of("Content-Type", contentType), null);
    }

    /**
     * @param name a field name
     * @param value its value
     * @return a copy with that field added
     */
    HttpReply with(String name, String value) {
        List<String> h = new ArrayList<>(headers.size() + 2);
        h.addAll(headers);
        h.add(name);
        h.add(value);
        return new HttpReply(status, Collections.unmodifiableList(h), body);
    }

    int status() {
        return status;
    }

    /** @return the body, or null for a {@link #headOnly} reply */
    byte[] body() {
        return body;
    }

    /**
     * @param name a field name, any case
     * @return the first value of that field, or null
     */
    String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }

    /**
     * @param omitBody true for a {@code HEAD} request: the length is announced, the body not sent
     * @param keepAlive whether the connection stays open after this reply
     * @return the bytes to write
     */
    ByteBuffer encode(boolean omitBody, boolean keepAlive) {
        StringBuilder b = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (int i = 0; i < headers.size(); i += 2) {
            b.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        // 204 must not carry a Content-Length (RFC 9110 8.6).
        if (body != null && status != 204) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        b.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        b.append("Cache-Control: no-store\r\n");
        b.append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean withBody = !omitBody && body != null && status != 204;
        ByteBuffer out = ByteBuffer.allocate(head.length + (withBody ? body.length : 0));
        out.put(head);
        if (withBody) {
            out.put(body);
        }
        return out.flip();
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 204: return "No Content";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            case 505: return "HTTP Version Not Supported";
            default: return "Status " + status;
        }
    }

    @Override
    public String toString() {
        return status + " " + reason(status);
    }
}
