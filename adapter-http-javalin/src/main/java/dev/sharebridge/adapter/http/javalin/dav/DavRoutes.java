package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.adapter.http.javalin.internal.ClientAddress;
import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import dev.sharebridge.adapter.http.javalin.internal.PathParams;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.user.AuthenticateUserUseCase;
import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The two WebDAV spaces (docs/reference.md §11, docs/webdav.md) over one {@link DavProtocol}:
 *
 * <ul>
 *   <li>the owner space {@code /dav/}: the caller's own files through the owner use cases of
 *       {@code /api/files}, so the same rules hold (the space, the root never deleted, the share
 *       links of a deleted or replaced item deleted with it). HTTP Basic carries the user name
 *       and an API token; {@code Authorization: Bearer} works too.
 *   <li>a link's space {@code /dav/s/{token}/}: the link's item through the public use cases of
 *       {@code /api/s/{token}}, which rule what the link allows. No credentials for a link
 *       without a password; for one with a password, HTTP Basic with any user name and the
 *       link's password, traded for a grant by {@code verifyRemembered} (the verify budgets
 *       count every wrong one; a right one is hashed once, not on every request).
 * </ul>
 *
 * The link space is registered first, so that {@code /dav/s/…} is never an owner's item.
 */
public final class DavRoutes {
    static final String REALM = "Basic realm=\"Sharebridge\"";
    private static final List<String> METHODS =
            List.of("OPTIONS", "PROPFIND", "PROPPATCH", "PUT", "MKCOL", "DELETE", "COPY", "MOVE", "LOCK", "UNLOCK");

    private final FileUseCases files;
    private final AuthenticateUserUseCase authenticate;
    private final LinkPorts links;
    private final ClientAddress clients;
    private final DavProtocol protocol;

    /**
     * @param clients tells the client's address for the throttles of the link space
     * @param locks the write locks of every space, shared by the instances on one database
     * @param properties the dead properties of every space, as {@code locks}
     * @param answers where a counted download's answer is sent from once its access is committed
     */
    public DavRoutes(
            FileUseCases files,
            AuthenticateUserUseCase authenticate,
            LinkPorts links,
            ClientAddress clients,
            DavLockStore locks,
            DeadPropertyStore properties,
            Clock clock,
            Executor answers) {
        this.files = files;
        this.authenticate = authenticate;
        this.links = links;
        this.clients = clients;
        this.protocol = new DavProtocol(locks, properties, clock, answers);
    }

    public void register(RoutesConfig routes) {
        String link = DavPaths.PREFIX + DavPaths.SHARE_SPACE + "/{token}";
        add(routes, link, this::handleLink);
        add(routes, link + "/<path>", this::handleLink);
        add(routes, "/dav", this::handleOwner);
        add(routes, "/dav/<path>", this::handleOwner);
    }

    private static void add(RoutesConfig routes, String path, Handler handler) {
        for (String method : METHODS) {
            routes.addHttpHandler(HandlerType.findOrCreate(method), path, handler);
        }
        routes.get(path, handler); // and HEAD: RequestMethod
    }

    private void handleOwner(Context ctx) throws Exception {
        UserId user = user(ctx);
        ItemPath path = PathParams.itemPath(ctx);
        if (DavPaths.reserved(path)) {
            // /dav/s and /dav/s/ themselves: the link space has no listing of links
            throw new NotFoundException("the share-link space lists no links; use /dav/s/{token}/");
        }
        protocol.handle(ctx, new OwnerSpace(files, user), path);
    }

    private void handleLink(Context ctx) throws Exception {
        ItemPath path = PathParams.itemPath(ctx);
        protocol.handle(ctx, new LinkSpace(links, access(ctx)), path);
    }

    /** Basic (user name and API token) or Bearer; anything else is a 401 that asks for Basic. */
    private UserId user(Context ctx) {
        String header = ctx.header("Authorization");
        try {
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return authenticate.authenticate(header.substring(7).strip());
            }
            Optional<String[]> basic = basic(header);
            if (basic.isPresent() && !basic.get()[0].isEmpty()) {
                return authenticate.authenticate(basic.get()[0], basic.get()[1]);
            }
        } catch (UnauthorizedException e) {
            // answered below, as a missing header is
        }
        throw new HttpProblem(
                401, "unauthorized", "a user name and API token are required", Map.of("WWW-Authenticate", REALM));
    }

    /**
     * The visitor of a link: a Basic password (any user name) is traded for a grant, which the
     * use cases then check as they check the grant of {@code /api/s/}; without one, a link with
     * a password answers 401 (with the Basic challenge: Problems).
     */
    private PublicAccess access(Context ctx) throws UseCaseException {
        String token = ctx.pathParam("token");
        String client = clients.identify(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
        Optional<String[]> basic = basic(ctx.header("Authorization"));
        if (basic.isEmpty()) {
            return new PublicAccess(token, Optional.empty(), client);
        }
        String grant =
                links.verify().verifyRemembered(token, basic.get()[1], client).value();
        return new PublicAccess(token, Optional.of(grant), client);
    }

    /** The user name and password of a Basic header; empty for none or one that does not decode. */
    private static Optional<String[]> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0
                ? Optional.empty()
                : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }
}
