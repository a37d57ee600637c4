package dev.sharebridge.adapter.http.javalin.web;

import dev.sharebridge.adapter.http.javalin.web.SharePageRoutes.Asset;
import io.javalin.config.RoutesConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The owners' web app at {@code /} and its assets under {@code /app/}: files, share links and
 * meeting rooms in the browser. The page is static and holds no data; its script signs in with
 * the user's API token (kept in the tab's sessionStorage, sent as a bearer header) and uses only
 * the public REST API, so there is no cookie and therefore no CSRF surface. The assets are its
 * style sheet and its script modules (resource folder {@code app/}, served as
 * {@code /app/NAME}); it also loads the share page's style sheet and the shared modules under
 * {@code /assets/}. Served with the same strict headers as the share page.
 */
public final class AppRoutes {
    /** The app's modules, served as /app/NAME; main.js is the one the page loads. */
    private static final List<String> MODULES = List.of(
            "api.js",
            "clipboard.js",
            "confirm.js",
            "files.js",
            "links.js",
            "main.js",
            "move.js",
            "room.js",
            "rooms.js",
            "session.js",
            "share-dialog.js",
            "share-form.js",
            "signin.js",
            "ui.js",
            "uploads.js");

    private final Asset page;
    private final Map<String, Asset> assets;

    public AppRoutes() {
        this.page = Asset.load("app.html", "text/html; charset=utf-8");
        Map<String, Asset> all = new HashMap<>();
        all.put("app.css", Asset.load("app.css", "text/css; charset=utf-8"));
        MODULES.forEach(name -> all.put(name, Asset.module("app/" + name)));
        this.assets = Map.copyOf(all);
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> SharePageRoutes.sendPage(ctx, page));
        routes.get("/app/{name}", ctx -> SharePageRoutes.sendAsset(ctx, assets.get(ctx.pathParam("name"))));
    }
}
