package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a request was made by the server's own pages, for the writes that an ambient credential
 * alone authorises (the grant cookie of a password-protected link): a browser sends such a
 * cookie with every request to this server, whichever site's page makes it, so without this check
 * any page could upload, delete or reshare on the visitor's behalf.
 *
 * <p>Browsers say where a request comes from. A {@code Sec-Fetch-Site} other than
 * {@code same-origin} ({@code cross-site}, {@code same-site} — a sibling host, which gets
 * {@code SameSite=Lax} cookies — and {@code none}, a navigation the user started, which never
 * writes) is refused, and so is an {@code Origin} that is not the server's own: the origin of the
 * configured public URL, or, for a request that did not come through a trusted proxy, the origin
 * it was sent to (its {@code Host}, over the connection's scheme). Behind a proxy the
 * {@code Host} is the proxy's choice, so only the public URL counts there. {@code Origin: null}
 * (sandboxed frames, some redirects) is not the server's own. A request with neither header was
 * not made by a browser page (curl, scripts) and passes.
 */
public final class SameOrigin {
    public static final String CODE = "cross_origin_refused";
    private final String publicOrigin;
    private final ClientAddress clients;

    /** @param publicUrl the configured public base URL ({@code https://share.example.org/base}) */
    public SameOrigin(String publicUrl, ClientAddress clients) {
        this.publicOrigin =
                origin(publicUrl).orElseThrow(() -> new IllegalArgumentException("not a URL: " + publicUrl));
        this.clients = clients;
    }

    /** @throws HttpProblem {@code 403 cross_origin_refused} when the request did not come from the server's own pages */
    public void check(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.strip().equalsIgnoreCase("same-origin")) {
            throw refused();
        }
        String origin = ctx.header("Origin");
        if (origin != null && !isOwn(ctx, origin)) {
            throw refused();
        }
    }

    private boolean isOwn(Context ctx, String origin) {
        Optional<String> given = origin(origin.strip());
        if (given.isEmpty()) {
            return false;
        }
        if (given.get().equals(publicOrigin)) {
            return true;
        }
        String host = ctx.header("Host");
        if (host == null || clients.isTrustedProxy(ctx.req().getRemoteAddr())) {
            return false;
        }
        return origin(ctx.req().getScheme() + "://" + host.strip())
                .map(given.get()::equals)
                .orElse(false);
    }

    private static HttpProblem refused() {
        return new HttpProblem(
                403,
                CODE,
                "a change authorised by the link's grant cookie must come from this "
                        + "server's own pages; send the grant as X-Share-Grant instead",
                Map.of());
    }

    /**
     * {@code scheme://host[:port]} of an http(s) URL, lower case, without the scheme's default
     * port; empty for anything else (including {@code null}).
     */
    static Optional<String> origin(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
