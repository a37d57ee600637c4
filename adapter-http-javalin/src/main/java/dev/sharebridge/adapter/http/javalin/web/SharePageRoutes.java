package dev.sharebridge.adapter.http.javalin.web;

import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import dev.sharebridge.adapter.http.javalin.internal.ResponseHeaders;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The share web page {@code GET /s/{token}} and its assets under {@code /assets/} (docs/reference.md §7):
 * its style sheet, the script modules of the page ({@code share/}), the modules both pages
 * use ({@code lib/}) and the third-party script they use ({@code vendor/}, tus-js-client). The page is the same for every token, valid or not: its script asks the
 * public API and shows "not found" itself, so this route never looks the token up and never logs
 * it (the log has the template). Only the files listed here are served, each read from the
 * classpath once, at start; any other name is a 404. The page headers (CSP, no framing, no
 * referrer, no-store) come with every answer under these paths, problems included:
 * {@link ResponseHeaders}.
 */
public final class SharePageRoutes {
    private static final String ROOT = "sharebridge-web/";
    /** The modules of both pages, served as /assets/lib/NAME. */
    private static final List<String> SHARED_MODULES = List.of(
            "dom.js",
            "folders.js",
            "format.js",
            "http.js",
            "listing.js",
            "messages.js",
            "paths.js",
            "tus-upload.js",
            "upload.js",
            "viewer.js");
    /**
     * Third-party scripts both pages load from this server, served as /assets/vendor/NAME:
     * tus-js-client's browser bundle (its version, source and licenses: vendor/README.md).
     */
    private static final List<String> VENDORED = List.of("tus.min.js");
    /** The share page's modules, served as /assets/share/NAME; main.js is the one the page loads. */
    private static final List<String> MODULES = List.of("link.js", "listing.js", "main.js", "upload.js", "verify.js");

    private final Asset page;
    private final Map<String, Asset> assets;

    /** One file served as is, with a strong ETag of its bytes. */
    record Asset(byte[] bytes, String contentType, String etag) {
        static Asset load(String name, String contentType) {
            byte[] bytes = read(ROOT + name);
            return new Asset(bytes, contentType, "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 16) + "\"");
        }

        /** A script module (of {@code <script type="module">} or an {@code import}). */
        static Asset module(String name) {
            return load(name, "text/javascript; charset=utf-8");
        }
    }

    public SharePageRoutes() {
        this.page = Asset.load("share.html", "text/html; charset=utf-8");
        Map<String, Asset> all = new HashMap<>();
        all.put("share.css", Asset.load("share.css", "text/css; charset=utf-8"));
        SHARED_MODULES.forEach(name -> all.put("lib/" + name, Asset.module("lib/" + name)));
        MODULES.forEach(name -> all.put("share/" + name, Asset.module("share/" + name)));
        VENDORED.forEach(name -> all.put("vendor/" + name, Asset.module("vendor/" + name)));
        this.assets = Map.copyOf(all);
    }

    public void register(RoutesConfig routes) {
        routes.get("/s/{token}", this::page);
        routes.get("/assets/<path>", this::asset);
    }

    private void page(Context ctx) {
        sendPage(ctx, page);
    }

    /**
     * Serves a page, never cached (ResponseHeaders says no-store): the share page's text does not
     * depend on the token, but a cached copy would keep the token's URL around.
     */
    static void sendPage(Context ctx, Asset page) {
        ctx.status(200).contentType(page.contentType()).result(page.bytes());
    }

    private void asset(Context ctx) {
        sendAsset(ctx, assets.get(ctx.pathParam("path")));
    }

    /** Serves a page asset, or the 404 problem when {@code asset} is null. */
    static void sendAsset(Context ctx, Asset asset) {
        if (asset == null) {
            throw HttpProblem.notFound("no such asset");
        }
        // revalidated on every use, so a new release is picked up at once; a match costs a 304
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        String match = ctx.header("If-None-Match");
        if (match != null && (match.strip().equals("*") || match.contains(asset.etag()))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(asset.contentType()).result(asset.bytes());
    }

    private static byte[] read(String resource) {
        try (InputStream in = SharePageRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
