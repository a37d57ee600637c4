package dev.sharebridge.adapter.http.javalin.web;

import dev.sharebridge.adapter.http.javalin.web.SharePageRoutes.Asset;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * The owners' web app at {@code /} and its assets under {@code /app/}: files, share links and
 * meeting rooms in the browser. The page is static and holds no data; its script signs in with
 * the user's API token (kept in the tab's sessionStorage, sent as a bearer header) and uses only
 * the public REST API, so there is no cookie and therefore no CSRF surface. Served with the same
 * strict headers as the share page.
 */
public final class AppRoutes {
    private final Asset page;
    private final Map<String, Asset> assets;

    public AppRoutes() {
        this.page = Asset.load("app.html", "text/html; charset=utf-8");
        this.assets = Map.of(
                "app.css", Asset.load("app.css", "text/css; charset=utf-8"),
                "app.js", Asset.load("app.js", "text/javascript; charset=utf-8"));
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> SharePageRoutes.sendPage(ctx, page));
        routes.get("/app/{name}", ctx -> SharePageRoutes.sendAsset(ctx, assets.get(ctx.pathParam("name"))));
    }
}
