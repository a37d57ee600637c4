package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;

/** The headers every response carries, and the stricter set of the public share routes. */
public final class ResponseHeaders {
    public static final String PUBLIC_PREFIX = "/api/s/";

    public ResponseHeaders() {
    }

    /** Sets the request id, nosniff and, on public routes, the leakage-prevention headers. */
    public void apply(Context ctx) {
        ctx.header("X-Request-Id", RequestLog.requestId(ctx));
        ctx.header("X-Content-Type-Options", "nosniff");
        if (isPublic(ctx)) {
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Robots-Tag", "noindex, nofollow");
        }
    }

    public static boolean isPublic(Context ctx) {
        String uri = ctx.req().getRequestURI();
        return uri != null && (uri.startsWith(PUBLIC_PREFIX) || uri.equals("/api/s"));
    }
}
