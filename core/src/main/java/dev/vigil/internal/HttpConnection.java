package dev.vigil.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection of {@link HttpFrontEnd}, touched only by its selector thread. It moves through
 * {@code READING} (collecting a request head), {@code PROCESSING} (a handler works; the connection reads
 * nothing more meanwhile), {@code WRITING} (the response drains as the client accepts it), and then back to
 * {@code READING} for the next request or to {@code DRAINING}: output shut, input discarded for a moment so
 * that closing does not reset the connection before the client has read the response.
 *
 * <p>Internal: not part of Vigil's API.
 */
final class HttpConnection {
    enum State { READING, PROCESSING, WRITING, DRAINING }

    private final SocketChannel channel;
    private final SelectionKey key;
    private final ByteBuffer in;
    private ByteBuffer out;
    private State state = State.READING;
    private long since;
    private long deadline;
    private long requests;
    private boolean keepAlive;
    private boolean omitBody;

    HttpConnection(SocketChannel channel, SelectionKey key, int maxHeadBytes, long now, long deadline) {
        this.channel = channel;
        this.key = key;
        this.in = ByteBuffer.allocate(maxHeadBytes);
        this.since = now;
        this.deadline = deadline;
    }

    State state() {
        return state;
    }

    /** @return when the current phase began, in {@link System#nanoTime()}; the oldest idle one is evicted first */
    long since() {
        return since;
    }

    long deadline() {
        return deadline;
    }

    void deadline(long at) {
        this.deadline = at;
    }

    boolean hasBufferedBytes() {
        return in.position() > 0;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    boolean omitBody() {
        return omitBody;
    }

    /** @return the bytes read, or -1 at end of stream */
    int read() throws IOException {
        return channel.read(in);
    }

    /** @return the bytes read and thrown away, or -1 at end of stream */
    int discard() throws IOException {
        in.clear();
        return channel.read(in);
    }

    /**
     * @return the complete head at the start of the buffer, or null while it is incomplete
     * @throws HttpHeadParser.Rejected when it is malformed, or fills the buffer without ending (431)
     */
    HttpHeadParser.Parsed parse() throws HttpHeadParser.Rejected {
        HttpHeadParser.Parsed parsed = HttpHeadParser.parse(in.array(), in.position());
        if (parsed == null && !in.hasRemaining()) {
            throw new HttpHeadParser.Rejected(431, "request head too large");
        }
        return parsed;
    }

    /** Drops a parsed head from the buffer, keeping whatever a pipelining client sent after it. */
    void consume(int length) {
        in.flip().position(length);
        in.compact();
    }

    /**
     * Hands the request to a handler: reads pause until its response is written.
     *
     * @return the request's number, which the response must present to {@link #awaits}
     */
    long processing(long now, long responseDeadline, boolean omitBody, boolean keepAlive) {
        this.state = State.PROCESSING;
        this.since = now;
        this.deadline = responseDeadline;
        this.omitBody = omitBody;
        this.keepAlive = keepAlive;
        key.interestOps(0);
        return ++requests;
    }

    /** @return whether this connection still waits for the response to request {@code number} */
    boolean awaits(long number) {
        return state == State.PROCESSING && requests == number && key.isValid();
    }

    /** Starts writing a response; the deadline set at {@link #processing} still holds. */
    void writing(long now, ByteBuffer response, boolean keepAlive) {
        this.state = State.WRITING;
        this.since = now;
        this.out = response;
        this.keepAlive = keepAlive;
    }

    /** @return true when the whole response is written; otherwise waits until the client can take more */
    boolean flush() throws IOException {
        channel.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return false;
        }
        out = null;
        return true;
    }

    /** Waits for the next request on a kept-alive connection. */
    void reading(long now, long deadline) {
        this.state = State.READING;
        this.since = now;
        this.deadline = deadline;
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Ends the response stream and discards input until the client closes or the deadline passes. */
    void draining(long now, long deadline) throws IOException {
        this.state = State.DRAINING;
        this.since = now;
        this.deadline = deadline;
        channel.shutdownOutput();
        key.interestOps(SelectionKey.OP_READ);
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release: the descriptor is gone either way
        }
    }
}
