package dev.sharebridge.adapter.http.javalin.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (a malformed request line or escape, a
 * URI or headers too large, an unknown HTTP version, malformed headers, and the refusals of
 * {@link ClientLimit} and {@link BodyRequests}) as problem+json instead
 * of Jetty's HTML page; no message or stack is ever echoed. They carry the headers every answer
 * of ours carries, all of them since the path is not known to be safe to look at (a request id,
 * nosniff, no-store, no referrer, no indexing), whatever the method or the {@code Accept} header,
 * and get an access log line with that id.
 */
public final class JettyErrors extends ErrorHandler {
    private static final String NO_STORE = "no-store";
    private static final String REQUEST_ID = "X-Request-Id";

    public JettyErrors() {
        setShowStacks(false);
        setShowMessageInTitle(false);
        setCacheControl(NO_STORE);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // the problem body is ours and small: every method gets it
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        // refused before routing, so no request logger sees it; logged before the answer leaves
        RequestLog.refused(request.getMethod(), code, problemHeaders(request, response));
        if (code == 429 || code == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        sendProblem(response, callback, code);
    }

    /** The servlet-context flavour of the same handler (errors Javalin left to the servlet container). */
    public static final class Servlet extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        public Servlet() {
            setShowStacks(false);
            setShowMessageInTitle(false);
            setCacheControl(NO_STORE);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        // whichever of the two this handler's servlet error dispatch ends in, whatever Accept says
        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            problemHeaders(request, response);
            sendProblem(response, callback, code);
        }

        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause) {
            problemHeaders(request, response);
            return sendProblem(response, callback, code);
        }
    }

    /** Sets the headers of a problem answer. @return its request id */
    private static String problemHeaders(Request request, Response response) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, Problems.PROBLEM_JSON);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CACHE_CONTROL, NO_STORE);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Robots-Tag", "noindex, nofollow");
        if (!headers.contains(REQUEST_ID)) {
            // a well-formed one of the caller's when its headers were read, else a new one
            HttpFields incoming = request.getHeaders();
            headers.put(REQUEST_ID, RequestLog.requestId(incoming == null ? null : incoming.get(REQUEST_ID)));
        }
        return headers.get(REQUEST_ID);
    }

    private static boolean sendProblem(Response response, Callback callback, int status) {
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    static byte[] body(int status) {
        String code = switch (status) {
            // Jetty refuses a request before routing only when its URI or headers are malformed
            // (an encoded NUL in a path, say): that is invalid input like any other.
            case 400 -> "validation_failed";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 429 -> "too_many_requests"; // ClientLimit
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "service_busy"; // BodyRequests
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String detail = switch (status) {
            case 400 -> "the request's path or headers are not valid";
            case 408 -> "the request did not arrive in time";
            case 414 -> "the request's URI is too long";
            case 429 -> "too many requests from this address are in progress at once; try again when one has finished";
            case 431 -> "the request's headers are too large";
            case 501 -> "the request uses a feature this server does not implement";
            case 503 -> "the server is busy with other uploads and writes; try again shortly";
            case 505 -> "the request's HTTP version is not supported";
            default -> status >= 500 ? "an unexpected error occurred" : "the request cannot be processed";
        };
        String json = "{\"type\":\"https://sharebridge.dev/problems/" + code + "\",\"title\":\"" + title(status)
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The titles of statuses only Jetty answers; the rest are the API's. */
    private static String title(int status) {
        return switch (status) {
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> Problems.title(status);
        };
    }
}
