package dev.sharebridge.adapter.http.javalin.thumbnails;

import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.Downloads;
import dev.sharebridge.adapter.http.javalin.internal.PathParams;
import dev.sharebridge.application.port.in.file.ItemThumbnail;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.out.preview.Thumbnail;
import dev.sharebridge.domain.item.StoredItem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;

/**
 * {@code GET /api/thumbnails/<path>} (Bearer) and {@code GET /api/s/{token}/thumbnail[/<path>]}:
 * a PNG or JPEG of at most 256 pixels on its longer side, made by the use cases, which decide
 * who may see it and keep it. A file without a thumbnail (another type, too large, damaged) is 404,
 * as a missing file is; the pages then show its icon. The link's route counts no access.
 */
public final class ThumbnailRoutes {
    /** Browsers keep a thumbnail this long before they ask again (with its ETag: a 304 then). */
    static final String CACHE_CONTROL = "private, max-age=60";

    private final ThumbnailPorts ports;
    private final Auth auth;
    private final Function<Context, PublicAccess> visitor;

    /** @param visitor who calls a route under {@code /api/s/{token}} (token, grant, client), as the link routes read it */
    public ThumbnailRoutes(ThumbnailPorts ports, Auth auth, Function<Context, PublicAccess> visitor) {
        this.ports = ports;
        this.auth = auth;
        this.visitor = visitor;
    }

    public void register(RoutesConfig routes) {
        // GET answers HEAD too (RequestMethod): the same headers, no body
        routes.get("/api/thumbnails/<path>", this::owner);
        routes.get("/api/s/{token}/thumbnail", this::link);
        routes.get("/api/s/{token}/thumbnail/<path>", this::link);
    }

    private void owner(Context ctx) throws Exception {
        send(ctx, ports.owner().thumbnail(auth.user(ctx), PathParams.itemPath(ctx)));
    }

    private void link(Context ctx) throws Exception {
        send(ctx, ports.links().thumbnail(visitor.apply(ctx), PathParams.itemPath(ctx)));
    }

    /** The thumbnail's validator: the file's version (etag and size) and the thumbnail's own type. */
    static String etag(ItemThumbnail made) {
        StoredItem item = made.item();
        String file = Downloads.etag(item);
        String kind = made.thumbnail().mediaType().equals("image/png") ? "p" : "j";
        return "\"thumb-" + kind + "-" + item.size() + "-" + file.substring(1);
    }

    private static void send(Context ctx, ItemThumbnail made) throws IOException {
        HttpServletResponse res = ctx.res();
        String etag = etag(made);
        res.setHeader("ETag", etag);
        res.setHeader("Cache-Control", CACHE_CONTROL);
        if (Downloads.notModified(ctx, etag)) {
            res.setStatus(304);
            return;
        }
        Thumbnail t = made.thumbnail();
        res.setStatus(200);
        res.setContentType(t.mediaType());
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Content-Security-Policy", Downloads.FILE_CSP);
        res.setContentLength(t.bytes().length);
        res.getOutputStream().write(t.bytes());
    }
}
