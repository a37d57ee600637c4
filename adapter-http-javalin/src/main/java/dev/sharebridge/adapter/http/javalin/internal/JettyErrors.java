package dev.sharebridge.adapter.http.javalin.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (a malformed request line, headers too
 * large) as problem+json instead of Jetty's HTML page; no message or stack is ever echoed.
 */
public final class JettyErrors extends ErrorHandler {

    public JettyErrors() {
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
        return writeProblem(response, callback, code);
    }

    /** The servlet-context flavour of the same handler. */
    public static final class Servlet extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        public Servlet() {
            setShowStacks(false);
            setShowMessageInTitle(false);
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                String contentType, List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return writeProblem(response, callback, code);
        }
    }

    static boolean writeProblem(Response response, Callback callback, int status) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.PROBLEM_JSON);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
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
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String detail = status >= 500 ? "an unexpected error occurred"
                : status == 400 ? "the request's path or headers are not valid" : "the request cannot be processed";
        String json = "{\"type\":\"https://sharebridge.dev/problems/" + code + "\",\"title\":\""
                + Problems.title(status) + "\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\",\"code\":\"" + code + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
