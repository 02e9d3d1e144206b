package dev.vigil.internal;

import java.time.Duration;

/**
 * The bounds of the management server's HTTP front end: every resource a client can hold is limited here.
 *
 * <p>Internal: not part of Vigil's API.
 *
 * @param maxConnections open connections at most; past it the longest-waiting idle or stalled one is evicted
 * @param maxHeadBytes request line and header fields at most, in bytes; more is answered 431
 * @param readTimeout how long a client may take to send a complete request head, from its first byte (or
 *                    from accepting the connection)
 * @param idleTimeout how long a kept-alive connection may wait for its next request
 * @param responseTimeout how long a request may take from its complete head to the last byte of its response
 */
record HttpLimits(int maxConnections, int maxHeadBytes, Duration readTimeout, Duration idleTimeout, Duration responseTimeout) {
    /** @return the limits the management server runs with */
    static HttpLimits defaults() {
        return new HttpLimits(64, 8 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
