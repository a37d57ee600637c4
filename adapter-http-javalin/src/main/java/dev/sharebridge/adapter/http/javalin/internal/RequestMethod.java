package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The method a request is routed by is the one on its request line, and HEAD is GET without a
 * body (RFC 9110 §9.3.2) on every GET route at once. Left alone, Javalin answers a HEAD itself
 * with an empty 200 whenever a GET route matches, without running that route, so none of its
 * checks (token, grant, bearer token) ran and its status and headers were lost; and it routes by
 * {@code X-HTTP-Method-Override} when a request carries one, so a GET could run a DELETE route.
 *
 * <p>This servlet filter, in front of Javalin, shows a HEAD request to Javalin as a GET, marked
 * so that {@link #isHead} tells it apart; Jetty, which still knows the request is a HEAD, sends
 * the headers the GET route set (with the length of the body it wrote) and no body. Routes whose
 * GET counts an access or streams a body (open, download, zip) ask {@link #isHead} to do neither.
 * No route is registered for HEAD, so the router's table stays the documented one.
 */
public final class RequestMethod implements Filter {
    static final String OVERRIDE_HEADER = "X-HTTP-Method-Override";
    private static final String HEAD = "sb.head";
    // a WebSocket upgrade keeps its method: Jetty's upgrade looks at the real one
    private static final String WEBSOCKET_VERSION = "Sec-WebSocket-Version";

    public RequestMethod() {}

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        boolean head = "HEAD".equals(http.getMethod()) && http.getHeader(WEBSOCKET_VERSION) == null;
        if (head) {
            http.setAttribute(HEAD, Boolean.TRUE);
        }
        if (head || http.getHeader(OVERRIDE_HEADER) != null) {
            chain.doFilter(new AsSent(http, head), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** Whether the request is a HEAD being answered by a GET route. */
    public static boolean isHead(Context ctx) {
        return ctx.req().getAttribute(HEAD) != null;
    }

    /** The method as the client sent it (HEAD for a HEAD), for the access log and the metrics. */
    public static String of(Context ctx) {
        return isHead(ctx) ? "HEAD" : ctx.method().name();
    }

    /** GET for a HEAD, and no method override header. */
    private static final class AsSent extends HttpServletRequestWrapper {
        private final boolean head;

        AsSent(HttpServletRequest request, boolean head) {
            super(request);
            this.head = head;
        }

        @Override
        public String getMethod() {
            return head ? "GET" : super.getMethod();
        }

        @Override
        public String getHeader(String name) {
            return OVERRIDE_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return OVERRIDE_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !OVERRIDE_HEADER.equalsIgnoreCase(n))
                    .toList());
        }
    }
}
