package dev.sharebridge.adapter.http.javalin.publicshare;

import dev.sharebridge.adapter.http.javalin.internal.ClientAddress;
import dev.sharebridge.adapter.http.javalin.internal.CountedAnswers;
import dev.sharebridge.adapter.http.javalin.internal.Downloads;
import dev.sharebridge.adapter.http.javalin.internal.Fields;
import dev.sharebridge.adapter.http.javalin.internal.ItemJson;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.adapter.http.javalin.internal.MediaTypes;
import dev.sharebridge.adapter.http.javalin.internal.PathParams;
import dev.sharebridge.adapter.http.javalin.internal.RequestBodies;
import dev.sharebridge.adapter.http.javalin.internal.RequestMethod;
import dev.sharebridge.adapter.http.javalin.internal.SameOrigin;
import dev.sharebridge.adapter.http.javalin.internal.ShareJson.PermissionsJson;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.publicshare.BrowseShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.DownloadFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.publicshare.ReshareUseCase;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.storage.WriteResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The public share-link routes under {@code /api/s/{token}} (docs/reference.md §6). The use cases check
 * token, expiry, grant, visit and permission on every call; this class only translates, and keeps
 * counted calls (download, zip) for answers that really are 200/206. The open's visit goes out as
 * the header {@link #VISIT_HEADER} and as a cookie scoped to the link's API path, so that the
 * share page's plain {@code <a href>} downloads (and media players) carry it; other clients send
 * the header back. (Not in the JSON: HEAD, which counts nothing, answers the same body.)
 */
public final class PublicShareRoutes {
    public static final String GRANT_HEADER = "X-Share-Grant";
    /**
     * The visit of a counted open: answered by the open (with the visit cookie), sent back by
     * clients without cookies (docs/reference.md §6).
     */
    public static final String VISIT_HEADER = "X-Share-Visit";
    /** The visit cookie: one per link, as its path is the link's API ({@code /api/s/{token}}). */
    static final String VISIT_COOKIE = "sb_visit";

    private static final String GRANT_COOKIE_PREFIX = "sb_grant_";

    private final OpenShareUseCase opening;
    private final VerifySharePasswordUseCase verifying;
    private final BrowseShareUseCase browsing;
    private final DownloadFromShareUseCase downloads;
    private final ChangeSharedContentUseCase changes;
    private final ReshareUseCase resharing;
    private final Json json;
    private final ClientAddress clients;
    private final SameOrigin sameOrigin;
    private final boolean secureCookies;
    private final Clock clock;
    private final CountedAnswers answers;

    /**
     * @param sameOrigin tells the server's own pages from others, for writes the grant cookie authorises
     * @param answers where answers waiting for their access to be committed are sent from (the
     *     server's pool: the commit thread only completes them)
     */
    public PublicShareRoutes(
            OpenShareUseCase opening,
            VerifySharePasswordUseCase verifying,
            BrowseShareUseCase browsing,
            DownloadFromShareUseCase downloads,
            ChangeSharedContentUseCase changes,
            ReshareUseCase resharing,
            Json json,
            ClientAddress clients,
            SameOrigin sameOrigin,
            boolean secureCookies,
            Clock clock,
            Executor answers) {
        this.opening = opening;
        this.verifying = verifying;
        this.browsing = browsing;
        this.downloads = downloads;
        this.changes = changes;
        this.resharing = resharing;
        this.json = json;
        this.clients = clients;
        this.sameOrigin = sameOrigin;
        this.secureCookies = secureCookies;
        this.clock = clock;
        this.answers = new CountedAnswers(answers);
    }

    record OpenedJson(
            String itemName,
            String itemType,
            long size,
            boolean hasPassword,
            Instant expiresAt,
            PermissionsJson permissions,
            String label,
            String preview) {}

    record VerifyRequest(String password) {}

    record GrantJson(String grant, Instant expiresAt) {}

    record ChildJson(String name, String type, long size, Instant modifiedAt, String preview) {}

    record ListingJson(String path, List<ChildJson> children) {}

    record ReshareRequest(
            String password,
            String expiresAt,
            PermissionsJson permissions,
            String label,
            Long maxUploadBytes,
            Long maxFileBytes) {}

    record ReshareJson(
            String token,
            String url,
            Instant expiresAt,
            PermissionsJson permissions,
            Long maxUploadBytes,
            Long maxFileBytes) {}

    public void register(RoutesConfig routes) {
        String base = "/api/s/{token}";
        // every GET route answers HEAD too (RequestMethod); open, download and zip then count nothing
        routes.get(base, this::open);
        Json.route(routes, HandlerType.POST, base + "/verify", this::verify);
        routes.get(base + "/list", this::list);
        routes.get(base + "/list/<path>", this::list);
        routes.get(base + "/download", this::download);
        routes.get(base + "/download/<path>", this::download);
        routes.get(base + "/zip", this::zip);
        routes.get(base + "/zip/<path>", this::zip);
        routes.put(base + "/upload/<path>", this::upload);
        routes.post(base + "/folders/<path>", this::makeFolder);
        routes.delete(base + "/items/<path>", this::delete);
        Json.route(routes, HandlerType.POST, base + "/shares", this::reshare);
    }

    private void open(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        if (RequestMethod.isHead(ctx)) {
            respondOpened(ctx, opening.describe(access));
            return;
        }
        answerWhenCounted(ctx, opening.openLater(access), o -> respondOpened(ctx, o));
    }

    private void respondOpened(Context ctx, OpenedShare o) {
        o.visit().ifPresent(v -> {
            long maxAge =
                    Math.max(0, Duration.between(clock.instant(), v.expiresAt()).toSeconds());
            // the token was checked by the open: it is 32 of [A-Za-z0-9_-], safe in a cookie path
            ctx.res()
                    .addHeader(
                            "Set-Cookie",
                            VISIT_COOKIE + "=" + v.value() + "; Max-Age=" + maxAge + "; Path=/api/s/"
                                    + ctx.pathParam("token") + "; HttpOnly; SameSite=Lax"
                                    + (secureCookies ? "; Secure" : ""));
            ctx.header(VISIT_HEADER, v.value());
        });
        json.respond(
                ctx,
                200,
                new OpenedJson(
                        o.itemName(),
                        o.itemType().wireName(),
                        o.size(),
                        o.hasPassword(),
                        ItemJson.seconds(o.expiresAt().orElse(null)),
                        PermissionsJson.from(o.permissions()),
                        o.label().orElse(null),
                        o.itemType() == ItemType.FILE
                                ? MediaTypes.preview(o.itemName())
                                        .map(MediaTypes.Preview::wireName)
                                        .orElse(null)
                                : null));
    }

    private void verify(Context ctx) throws Exception {
        String token = ctx.pathParam("token");
        VerifyRequest req = json.read(ctx, VerifyRequest.class);
        if (req.password() == null) {
            throw new InvalidValueException("password", "password is required");
        }
        Grant grant = verifying.verify(token, req.password(), client(ctx));
        long maxAge =
                Math.max(0, Duration.between(clock.instant(), grant.expiresAt()).toSeconds());
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        grantCookieName(token) + "=" + grant.value() + "; Max-Age=" + maxAge
                                + "; Path=/; HttpOnly; SameSite=Lax" + (secureCookies ? "; Secure" : ""));
        json.respond(ctx, 200, new GrantJson(grant.value(), ItemJson.seconds(grant.expiresAt())));
    }

    private void list(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        FolderListing listing = browsing.list(access, PathParams.itemPath(ctx));
        json.respond(
                ctx,
                200,
                new ListingJson(
                        listing.folder().path().relative(),
                        listing.children().stream()
                                .map(c -> new ChildJson(
                                        c.name(),
                                        c.type().wireName(),
                                        c.size(),
                                        ItemJson.seconds(c.modifiedAt()),
                                        ItemJson.previewOf(c)))
                                .toList()));
    }

    private void download(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        ItemPath path = PathParams.itemPath(ctx);
        // stat does not count: 304, 416 and HEAD answers must not use up an access
        StoredItem item = browsing.stat(access, path);
        if (item.isFolder()) {
            throw new NotFoundException("no such file");
        }
        String etag = Downloads.etag(item);
        if (Downloads.notModified(ctx, etag)) {
            Downloads.notModifiedResponse(ctx, item);
            return;
        }
        Optional<ByteRange> range = Downloads.range(ctx, item.size(), etag);
        if (RequestMethod.isHead(ctx)) {
            Downloads.headers(ctx, item, range, Downloads.inlineAsked(ctx));
            privateCache(ctx);
            return;
        }
        privateCache(ctx);
        boolean inline = Downloads.inlineAsked(ctx);
        answerWhenCounted(
                ctx, downloads.downloadLater(access, path, range), content -> Downloads.send(ctx, content, inline));
    }

    private void zip(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        ItemPath path = PathParams.itemPath(ctx);
        if (RequestMethod.isHead(ctx)) {
            // the zip is neither made nor counted; the headers go out as GET's do, without a
            // length (else Jetty would announce an empty zip)
            zipHeaders(ctx, downloads.zipFileName(access, path));
            ctx.res().flushBuffer();
            return;
        }
        answerWhenCounted(ctx, downloads.zipLater(access, path), zip -> {
            zipHeaders(ctx, zip.fileName());
            OutputStream out = ctx.res().getOutputStream();
            zip.body().writeTo(out);
            out.flush();
        });
    }

    private <T> void answerWhenCounted(Context ctx, CompletionStage<T> counted, CountedAnswers.Answer<T> answer)
            throws Exception {
        answers.answer(ctx, counted, answer);
    }

    private static void zipHeaders(Context ctx, String fileName) {
        ctx.status(200);
        ctx.res().setContentType("application/zip");
        ctx.header("Content-Disposition", Downloads.contentDisposition(fileName));
        privateCache(ctx);
    }

    private void upload(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        ItemPath path = nonRoot(ctx);
        WriteResult result =
                changes.upload(access, path, ctx.req().getInputStream(), RequestBodies.declaredLength(ctx));
        json.respond(ctx, result.created() ? 201 : 200, ItemJson.from(result.item()));
    }

    private void makeFolder(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        boolean created = changes.makeFolder(access, nonRoot(ctx));
        ctx.status(created ? 201 : 200);
    }

    private void delete(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        changes.delete(access, nonRoot(ctx));
        ctx.status(204);
    }

    private void reshare(Context ctx) throws Exception {
        PublicAccess access = access(ctx);
        ReshareRequest req = json.read(ctx, ReshareRequest.class);
        ReshareCommand command = new ReshareCommand(
                Optional.ofNullable(req.password()),
                Optional.ofNullable(req.expiresAt()).map(e -> Json.instant("expires_at", e)),
                Optional.ofNullable(req.permissions()).map(p -> Fields.as("permissions", p::toPermissions)),
                Optional.ofNullable(req.label()),
                new LinkLimits(Optional.ofNullable(req.maxUploadBytes()), Optional.ofNullable(req.maxFileBytes())));
        ShareView view = resharing.reshare(access, command);
        json.respond(
                ctx,
                201,
                new ReshareJson(
                        view.share().token().value(),
                        view.url(),
                        ItemJson.seconds(view.share().expiresAt().orElse(null)),
                        PermissionsJson.from(view.share().permissions()),
                        view.share().limits().maxUploadBytes().orElse(null),
                        view.share().limits().maxFileBytes().orElse(null)));
    }

    /** The caller of a route under {@code /api/s/{token}}: the token, its grant (header or cookie) and the client. */
    public PublicAccess access(Context ctx) {
        String token = ctx.pathParam("token");
        return new PublicAccess(token, grant(ctx, token), visit(ctx), client(ctx));
    }

    /**
     * The visit of {@code X-Share-Visit}, else of the visit cookie (which only this link's paths
     * are sent). As with the grant cookie, a change made with the cookie must come from the
     * server's own pages.
     */
    private Optional<String> visit(Context ctx) {
        String header = ctx.header(VISIT_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(visibleAscii(VISIT_HEADER, header.strip()));
        }
        if (ctx.header("Cookie") == null) {
            return Optional.empty();
        }
        Optional<String> cookie = Optional.ofNullable(ctx.cookie(VISIT_COOKIE)).filter(c -> !c.isBlank());
        if (cookie.isPresent() && !isSafe(ctx)) {
            sameOrigin.check(ctx);
        }
        return cookie;
    }

    private String client(Context ctx) {
        return clients.identify(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /**
     * The grant of {@code X-Share-Grant}, else of the link's grant cookie. The browser sends the
     * cookie on its own, with requests from any site's pages, so a change it authorises must come
     * from the server's own pages ({@link SameOrigin}); the header is only ever sent on purpose.
     */
    private Optional<String> grant(Context ctx, String token) {
        String header = ctx.header(GRANT_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(visibleAscii(GRANT_HEADER, header.strip()));
        }
        if (ctx.header("Cookie") == null) {
            return Optional.empty(); // most opens: no cookie, so no hashing for its name
        }
        Optional<String> cookie =
                Optional.ofNullable(ctx.cookie(grantCookieName(token))).filter(c -> !c.isBlank());
        if (cookie.isPresent() && !isSafe(ctx)) {
            sameOrigin.check(ctx);
        }
        return cookie;
    }

    /** GET (and HEAD, which runs as GET) change nothing; every other method of these routes does. */
    private static boolean isSafe(Context ctx) {
        return ctx.method() == HandlerType.GET;
    }

    /**
     * A grant (and a visit) is ASCII. Jetty reads header bytes as ISO-8859-1, so anything else arrived as bytes
     * that were never a grant (UTF-8 or not): refused as malformed, not looked at as text. (A
     * grant cookie with such bytes never gets this far: Jetty's cookie parser drops it.)
     */
    private static String visibleAscii(String header, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidValueException(
                        header,
                        header
                                + (header.equals(GRANT_HEADER)
                                        ? " must be a grant as issued by verify"
                                        : " must be a visit as issued by the open"));
            }
        }
        return value;
    }

    /** One cookie per share, named after a short hash so the token itself never becomes a cookie name. */
    static String grantCookieName(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return GRANT_COOKIE_PREFIX + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static void privateCache(Context ctx) {
        if (!ctx.res().isCommitted()) {
            ctx.res().setHeader("Cache-Control", "private");
        }
    }

    private static ItemPath nonRoot(Context ctx) {
        ItemPath path = PathParams.itemPath(ctx);
        if (path.isRoot()) {
            throw new InvalidValueException(PathParams.PATH, "path must name an item below the shared root");
        }
        return path;
    }
}
