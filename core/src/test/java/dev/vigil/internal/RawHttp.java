package dev.vigil.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately small HTTP/1.1 client over a plain loopback socket, for what {@code java.net.http} will not do:
 * send half a request, pipeline, stop reading, and see the exact framing of a response. Every read is bounded
 * by the socket timeout, so a test never hangs.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * @param port a port on 127.0.0.1
     * @throws IOException when it cannot connect
     */
    public RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * @param text what to send, as ISO-8859-1
     * @return this
     * @throws IOException when the connection is gone
     */
    public RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /**
     * Reads one response; its body by {@code Content-Length}, none for {@code HEAD} or 204.
     *
     * @param toHead whether the request was a {@code HEAD}
     * @return the response
     * @throws IOException when the connection ends early or nothing arrives within the socket timeout
     */
    public Response read(boolean toHead) throws IOException {
        String statusLine = line();
        Map<String, String> headers = new HashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.putIfAbsent(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        byte[] body = new byte[0];
        if (!toHead && status != 204 && headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        return new Response(statusLine, status, headers, body);
    }

    /**
     * @param within how long to wait
     * @return true when the server closed (or reset) the connection within that time, discarding what it sent
     * @throws IOException never in practice; declared for the socket calls
     */
    public boolean closedByServer(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            while (in.read() >= 0) {
                // discard a response the server may have written before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * One response.
     *
     * @param statusLine the status line as sent
     * @param status the status code
     * @param headers the first value of each field, by lower-case name
     * @param body the body
     */
    public record Response(String statusLine, int status, Map<String, String> headers, byte[] body) {
        /** @return the body as UTF-8 */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
