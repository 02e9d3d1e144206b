package dev.vigil.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small non-blocking HTTP/1.1 front end: one selector thread accepts connections, reads request heads
 * without blocking, and writes responses as clients accept them. No thread ever waits on a client, so a
 * slow or stalled client (a slowloris that sends half a request, a scraper that stops reading) costs one
 * connection slot and a buffer, never a worker. Every slot is bounded by {@link HttpLimits}: a deadline per
 * phase, and a connection count past which the longest-idle connection is evicted.
 *
 * <p>Complete requests go to the {@link Handler}, which must not block: it answers with a future that its
 * own bounded executors complete. Connections are kept alive (HTTP/1.1) unless the client says
 * {@code Connection: close}, sends HTTP/1.0 without keep-alive, or sends a body, which is never read.
 *
 * <p>Internal: not part of Vigil's API.
 */
final class HttpFrontEnd {
    /** Answers a request; called on the selector thread, so it must return at once. */
    interface Handler {
        /**
         * @param request the request head
         * @return the response, completed later by the handler's own executors or already
         */
        CompletableFuture<HttpReply> handle(HttpRequestHead request);
    }

    private static final long TICK_MS = 100;
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final HttpLimits limits;
    private final Handler handler;
    // Insertion order is accept order: among equally old connections, eviction takes the first accepted.
    private final Set<HttpConnection> connections = new LinkedHashSet<>();
    private final Queue<Runnable> replies = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private HttpFrontEnd(ServerSocketChannel server, Selector selector, HttpLimits limits, Handler handler, String threadName) {
        this.server = server;
        this.selector = selector;
        this.limits = limits;
        this.handler = handler;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /**
     * Binds and starts serving.
     *
     * @param address where to listen
     * @param limits the bounds
     * @param handler what answers complete requests
     * @param threadName the selector thread's name
     * @return the running front end
     * @throws IOException when the address cannot be bound
     */
    static HttpFrontEnd start(InetSocketAddress address, HttpLimits limits, Handler handler, String threadName) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = null;
        try {
            server.bind(address, limits.maxConnections());
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
        HttpFrontEnd frontEnd = new HttpFrontEnd(server, selector, limits, handler, threadName);
        frontEnd.thread.start();
        return frontEnd;
    }

    /** @return the bound port */
    int port() {
        return server.socket().getLocalPort();
    }

    /** Stops serving, closes every connection and the listening socket, and returns once they are released. */
    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(TICK_MS);
                for (Runnable r = replies.poll(); r != null; r = replies.poll()) {
                    r.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    } else if (key.isValid()) {
                        ready((HttpConnection) key.attachment(), key);
                    }
                }
                expire(System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            ApiWarnings.warn("management", "Vigil management server stopped serving: " + e.getClass().getName());
        } finally {
            connections.forEach(HttpConnection::close);
            connections.clear();
            closeQuietly(server);
            closeQuietly(selector);
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                // Out of file descriptors, say: the pending connection stays queued until the next tick.
                ApiWarnings.warn("management", "Vigil management server could not accept a connection: " + e);
                return;
            }
            if (channel == null) {
                return;
            }
            if (connections.size() >= limits.maxConnections() && !evictOldestIdle()) {
                closeQuietly(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                long now = System.nanoTime();
                HttpConnection c = new HttpConnection(channel, key, limits.maxHeadBytes(), now, now + limits.readTimeout().toNanos());
                key.attach(c);
                connections.add(c);
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /** Evicts the connection that has waited longest without a request in progress; false when all are busy. */
    private boolean evictOldestIdle() {
        HttpConnection oldest = null;
        for (HttpConnection c : connections) {
            if (c.state() != HttpConnection.State.PROCESSING && (oldest == null || c.since() - oldest.since() < 0)) {
                oldest = c;
            }
        }
        if (oldest != null) {
            close(oldest);
        }
        return oldest != null;
    }

    private void ready(HttpConnection c, SelectionKey key) {
        try {
            if (key.isReadable()) {
                readable(c);
            }
            if (key.isValid() && key.isWritable()) {
                writable(c);
            }
        } catch (IOException | RuntimeException e) {
            close(c);
        }
    }

    private void readable(HttpConnection c) throws IOException {
        if (c.state() == HttpConnection.State.DRAINING) {
            if (c.discard() < 0) {
                close(c);
            }
            return;
        }
        if (c.state() != HttpConnection.State.READING) {
            return;
        }
        boolean idle = !c.hasBufferedBytes();
        int n = c.read();
        if (n < 0) {
            close(c);
            return;
        }
        if (idle && n > 0) {
            // The first byte of a request on a kept-alive connection starts its read timeout.
            c.deadline(System.nanoTime() + limits.readTimeout().toNanos());
        }
        parseAndDispatch(c);
    }

    private void parseAndDispatch(HttpConnection c) throws IOException {
        HttpHeadParser.Parsed parsed;
        try {
            parsed = c.parse();
        } catch (HttpHeadParser.Rejected r) {
            long now = System.nanoTime();
            c.processing(now, now + limits.responseTimeout().toNanos(), false, false);
            respond(c, HttpReply.text(r.status, "text/plain; charset=utf-8", HttpReply.reason(r.status).toLowerCase(Locale.ROOT) + "\n"));
            return;
        }
        if (parsed == null) {
            return;
        }
        c.consume(parsed.length);
        HttpRequestHead request = parsed.head;
        long now = System.nanoTime();
        long number = c.processing(now, now + limits.responseTimeout().toNanos(), request.isHead(), request.keepAlive());
        CompletableFuture<HttpReply> reply;
        try {
            reply = handler.handle(request);
        } catch (RuntimeException e) {
            reply = CompletableFuture.completedFuture(HttpReply.empty(500));
        }
        reply.whenComplete((r, error) -> {
            replies.add(() -> deliver(c, number, r == null ? HttpReply.empty(500) : r));
            try {
                selector.wakeup();
            } catch (ClosedSelectorException ignored) {
                // stopped meanwhile: the connection is closed already
            }
        });
    }

    private void deliver(HttpConnection c, long number, HttpReply reply) {
        if (!c.awaits(number)) {
            return; // timed out, evicted or closed while the handler worked
        }
        try {
            respond(c, reply);
        } catch (IOException | RuntimeException e) {
            close(c);
        }
    }

    private void respond(HttpConnection c, HttpReply reply) throws IOException {
        boolean keepAlive = c.keepAlive() && running;
        c.writing(System.nanoTime(), reply.encode(c.omitBody(), keepAlive), keepAlive);
        writable(c);
    }

    private void writable(HttpConnection c) throws IOException {
        if (c.state() != HttpConnection.State.WRITING || !c.flush()) {
            return;
        }
        long now = System.nanoTime();
        if (!c.keepAlive()) {
            c.draining(now, now + LINGER_NANOS);
            return;
        }
        c.reading(now, now + limits.idleTimeout().toNanos());
        if (c.hasBufferedBytes()) {
            c.deadline(now + limits.readTimeout().toNanos());
            parseAndDispatch(c);
        }
    }

    private void expire(long now) {
        for (Iterator<HttpConnection> it = connections.iterator(); it.hasNext(); ) {
            HttpConnection c = it.next();
            if (now - c.deadline() >= 0) {
                c.close();
                it.remove();
            }
        }
    }

    private void close(HttpConnection c) {
        c.close();
        connections.remove(c);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}
