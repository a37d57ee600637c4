package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every response carries, the stricter set of the public share routes, and the page
 * headers of everything under the share page and the owners' app, chosen by path so that every
 * answer there has them: the page, its assets, their 304s, and the 400, 404 and 405 problems.
 */
public final class ResponseHeaders {
    public static final String PUBLIC_PREFIX = "/api/s/";
    /** The WebDAV space of the share links, public as the routes under {@link #PUBLIC_PREFIX}. */
    public static final String PUBLIC_DAV_PREFIX = "/dav/s/";
    /**
     * The pages' policy: their own scripts, styles and images, nothing else, never framed. The
     * viewer frames (PDF) and plays (audio, video) files of our origin, or of a {@code blob:} the
     * owners' app fetched with its bearer header; what those are is Downloads' inline choice.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public ResponseHeaders() {}

    /**
     * Sets the request id, nosniff and, on public routes and pages, their headers. Called on a
     * response without headers (first thing, or right after a reset), so they are added without
     * looking for earlier values of the same names. A page route replaces {@code Cache-Control}
     * where its answer may be kept (the assets revalidate).
     */
    public void apply(Context ctx) {
        HttpServletResponse res = ctx.res();
        res.addHeader("X-Request-Id", RequestLog.requestId(ctx));
        res.addHeader("X-Content-Type-Options", "nosniff");
        String uri = ctx.req().getRequestURI();
        if (isPublic(uri)) {
            res.addHeader("Referrer-Policy", "no-referrer");
            res.addHeader("Cache-Control", "no-store");
            res.addHeader("X-Robots-Tag", "noindex, nofollow");
        } else if (isPage(uri)) {
            res.addHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            res.addHeader("Referrer-Policy", "no-referrer");
            res.addHeader("X-Frame-Options", "DENY");
            res.addHeader("X-Robots-Tag", "noindex, nofollow");
            // the share page's address holds a token: no copy of any answer there is kept
            res.addHeader("Cache-Control", "no-store");
        }
    }

    public static boolean isPublic(Context ctx) {
        return isPublic(ctx.req().getRequestURI());
    }

    private static boolean isPublic(String uri) {
        return uri != null
                && (uri.startsWith(PUBLIC_PREFIX)
                        || uri.equals("/api/s")
                        || uri.startsWith(PUBLIC_DAV_PREFIX)
                        || uri.equals("/dav/s"));
    }

    /** The share page {@code /s/…}, the owners' app {@code /}, and the assets of both. */
    private static boolean isPage(String uri) {
        return uri != null
                && (uri.equals("/")
                        || uri.startsWith("/s/")
                        || uri.equals("/s")
                        || uri.startsWith("/assets/")
                        || uri.startsWith("/app/"));
    }
}
