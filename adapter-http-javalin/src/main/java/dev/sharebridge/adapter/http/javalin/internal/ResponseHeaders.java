package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

/** The headers every response carries, and the stricter set of the public share routes. */
public final class ResponseHeaders {
    public static final String PUBLIC_PREFIX = "/api/s/";

    public ResponseHeaders() {
    }

    /**
     * Sets the request id, nosniff and, on public routes, the leakage-prevention headers. Called
     * on a response without headers (first thing, or right after a reset), so they are added
     * without looking for earlier values of the same names.
     */
    public void apply(Context ctx) {
        HttpServletResponse res = ctx.res();
        res.addHeader("X-Request-Id", RequestLog.requestId(ctx));
        res.addHeader("X-Content-Type-Options", "nosniff");
        if (isPublic(ctx)) {
            res.addHeader("Referrer-Policy", "no-referrer");
            res.addHeader("Cache-Control", "no-store");
            res.addHeader("X-Robots-Tag", "noindex, nofollow");
        }
    }

    public static boolean isPublic(Context ctx) {
        String uri = ctx.req().getRequestURI();
        return uri != null && (uri.startsWith(PUBLIC_PREFIX) || uri.equals("/api/s"));
    }
}
