package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import java.io.EOFException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
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
 * <p>Only requests that announce a body (a {@code Content-Length} above zero, or
 * {@code Transfer-Encoding}) are watched; the others pass untouched.
 */
public final class RequestBodies extends Handler.Wrapper {
    private static final String FAILURE = "sb.body-failure";

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

    public RequestBodies() {
    }

    /** Why this request's body could not be read, if it could not. */
    public static Optional<Failure> failure(Context ctx) {
        return Optional.ofNullable((Failure) ctx.req().getAttribute(FAILURE));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(announcesBody(request) ? new Watched(request) : request, response, callback);
    }

    static boolean announcesBody(Request request) {
        if (request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return true;
        }
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0;
    }

    /** A request whose body is watched. */
    private static final class Watched extends Request.Wrapper {
        Watched(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && Content.Chunk.isFailure(chunk) && getAttribute(FAILURE) == null) {
                setAttribute(FAILURE, Failure.of(chunk.getFailure()));
            }
            return chunk;
        }
    }
}
