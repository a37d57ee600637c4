package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import java.io.EOFException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Watches how request bodies are read, in front of the servlet layer, and remembers why one could
 * not be read to its end: the client closed or reset the connection, it sent too slowly, or its
 * framing was broken. A route reading the body (an upload into the storage, a JSON body) then
 * fails with whatever its storage or parser made of the broken stream (a storage failure, an
 * unexpected I/O error); {@link Problems} looks here first and answers the client's failure as
 * such, instead of a 502 or 500 and an ERROR line for something the server did not do.
 *
 * <p>It also gives every body a deadline, like Apache's {@code mod_reqtimeout}
 * ({@code body=20,MinRate=500}): the time the route spends waiting for the client's next bytes
 * may add up to {@code bodyTimeout} plus one second for every {@code minBytesPerSecond} bytes
 * that arrived. A body that falls behind fails with a timeout the next time bytes of it arrive
 * (a client that sends nothing at all meets the connection's idle timeout instead), which the
 * route answers with {@code 408}, and Jetty closes the connection because the body was not read
 * to its end. Only time spent waiting for the client counts, never the time the route spends
 * writing what it read (into a slow NextCloud, say), so a slow storage is not blamed on the
 * client.
 *
 * <p>Only requests that announce a body (a {@code Content-Length} above zero, or
 * {@code Transfer-Encoding}) are watched; the others pass untouched.
 */
public final class RequestBodies extends Handler.Wrapper {
    private static final String FAILURE = "sb.body-failure";
    private final long bodyTimeoutNanos;
    private final long minBytesPerSecond;
    private final LongSupplier nanoTime;

    /** Why a request body could not be read to its end. */
    public enum Failure {
        /** The client closed or reset the connection before the body was complete. */
        CLOSED(499, "client_closed_request", "the client closed the connection before its request body was complete"),
        /** The body did not arrive in time. */
        TOO_SLOW(408, "request_timeout", "the request body did not arrive in time"),
        /** The body's framing was broken (a malformed chunk). */
        MALFORMED(400, "bad_request", "the request body is not well-formed HTTP");

        private final int status;
        private final String code;
        private final String detail;

        Failure(int status, String code, String detail) {
            this.status = status;
            this.code = code;
            this.detail = detail;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public String detail() {
            return detail;
        }

        static Failure of(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException) {
                    return TOO_SLOW;
                }
                if (t instanceof EOFException) {
                    return CLOSED; // Jetty's early EOF is an HttpException too, with code 400
                }
                if (t instanceof HttpException h) {
                    return h.getCode() == 408 ? TOO_SLOW : MALFORMED;
                }
            }
            return CLOSED;
        }
    }

    /**
     * @param bodyTimeout how long a body may keep the route waiting, besides what its bytes earn
     * @param minBytesPerSecond every this many bytes that arrived earn the body one more second
     */
    public RequestBodies(Duration bodyTimeout, int minBytesPerSecond) {
        this(bodyTimeout, minBytesPerSecond, System::nanoTime);
    }

    RequestBodies(Duration bodyTimeout, int minBytesPerSecond, LongSupplier nanoTime) {
        if (minBytesPerSecond < 1) {
            throw new IllegalArgumentException("minBytesPerSecond must be at least 1");
        }
        this.bodyTimeoutNanos = bodyTimeout.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.nanoTime = nanoTime;
    }

    /** Why this request's body could not be read, if it could not. */
    /** The body's announced length ({@code Content-Length}); empty for a chunked body. */
    public static java.util.OptionalLong declaredLength(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length >= 0 ? java.util.OptionalLong.of(length) : java.util.OptionalLong.empty();
    }

    public static Optional<Failure> failure(Context ctx) {
        return Optional.ofNullable((Failure) ctx.req().getAttribute(FAILURE));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(announcesBody(request) ? watch(request) : request, response, callback);
    }

    /** {@code request} with its body watched. */
    Request watch(Request request) {
        return new Watched(request);
    }

    static boolean announcesBody(Request request) {
        if (request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return true;
        }
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0;
    }

    /** How long a body of which {@code bytes} arrived may have kept the route waiting, in nanoseconds. */
    long allowance(long bytes) {
        if (bytes >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE; // 9 GB and more: beyond any deadline worth keeping
        }
        long earned = bytes * 1_000_000_000L / minBytesPerSecond;
        return earned > Long.MAX_VALUE - bodyTimeoutNanos ? Long.MAX_VALUE : bodyTimeoutNanos + earned;
    }

    /** A request whose body is watched. Jetty never calls {@link #read} concurrently. */
    private final class Watched extends Request.Wrapper {
        private boolean waiting; // the last read found nothing: the route waits for the client
        private long waitingSince;
        private long waited;
        private long bytes;
        private Content.Chunk tooSlow;

        Watched(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (tooSlow != null) {
                return tooSlow;
            }
            Content.Chunk chunk = super.read();
            if (chunk == null) {
                if (!waiting) {
                    waiting = true;
                    waitingSince = nanoTime.getAsLong();
                }
                return null;
            }
            if (waiting) {
                waited += nanoTime.getAsLong() - waitingSince;
                waiting = false;
            }
            if (Content.Chunk.isFailure(chunk)) {
                failed(chunk.getFailure());
                return chunk;
            }
            bytes += chunk.remaining();
            if (waited > allowance(bytes)) {
                chunk.release();
                tooSlow = Content.Chunk.from(new TimeoutException("the request body arrives too slowly"), true);
                failed(tooSlow.getFailure());
                return tooSlow;
            }
            return chunk;
        }

        private void failed(Throwable failure) {
            if (getAttribute(FAILURE) == null) {
                setAttribute(FAILURE, Failure.of(failure));
            }
        }
    }
}
