package dev.sharebridge.adapter.http.javalin;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the server one slow or greedy client may hold, so that it cannot starve the others.
 *
 * @param idleTimeout a connection on which nothing moves for this long is closed: no new request
 *     on a kept-alive connection, no byte of a body being read, no byte of an answer taken
 * @param bodyTimeout how long a request body may keep the server waiting for it, plus one second
 *     for every {@code minBodyBytesPerSecond} bytes of it that arrived; past that it is
 *     {@code 408} and the connection is closed. Also the longest a request with a body waits for
 *     one of the {@code maxBodyRequests} places
 * @param minBodyBytesPerSecond the body rate that keeps a body's deadline ahead of it
 * @param maxRequestsPerClient requests one client address (after the trusted proxies) may have in
 *     progress at once; more are {@code 429} at once
 * @param maxBodyRequests requests receiving a body at once (from their headers to the last byte of
 *     their body); more wait without a thread, up to {@code bodyTimeout}, then {@code 503}. 0 picks it from the thread model: four fifths of the
 *     pool's threads where requests run on platform threads, {@value #VIRTUAL_THREAD_BODY_REQUESTS}
 *     where they run on virtual threads (Java 21 and later)
 */
public record ClientLimits(
        Duration idleTimeout,
        Duration bodyTimeout,
        int minBodyBytesPerSecond,
        int maxRequestsPerClient,
        int maxBodyRequests) {
    public static final int VIRTUAL_THREAD_BODY_REQUESTS = 2000;
    /** 30 s idle, 20 s plus a second per 500 bytes for a body, 128 requests per client, automatic body requests. */
    public static final ClientLimits DEFAULTS =
            new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(20), 500, 128, 0);

    public ClientLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (minBodyBytesPerSecond < 1 || maxRequestsPerClient < 1 || maxBodyRequests < 0) {
            throw new IllegalArgumentException("minBodyBytesPerSecond and maxRequestsPerClient must be at least 1, "
                    + "maxBodyRequests at least 0");
        }
    }
}
