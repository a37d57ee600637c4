package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.adapter.http.javalin.internal.Downloads;
import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import dev.sharebridge.adapter.http.javalin.internal.PathParams;
import dev.sharebridge.adapter.http.javalin.internal.RequestMethod;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.user.AuthenticateUserUseCase;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The owner space {@code /dav/} (docs/reference.md §11, docs/webdav.md): every WebDAV method on the caller's own files,
 * through the same owner use cases as {@code /api/files}, so the same rules hold (the space, the
 * root never deleted, the share links of a deleted or replaced item deleted with it). HTTP Basic
 * carries the user name and an API token; {@code Authorization: Bearer} works too.
 */
public final class DavRoutes {
    static final String REALM = "Basic realm=\"Sharebridge\"";
    static final String ALLOW = "OPTIONS, PROPFIND, PROPPATCH, GET, HEAD, PUT, MKCOL, DELETE, COPY, MOVE, LOCK, UNLOCK";
    private static final List<String> METHODS =
            List.of("OPTIONS", "PROPFIND", "PROPPATCH", "PUT", "MKCOL", "DELETE", "COPY", "MOVE", "LOCK", "UNLOCK");
    private static final String XML = "application/xml; charset=utf-8";
    private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);
    private static final List<PropName> LIVE = List.of(
            PropName.dav("resourcetype"),
            PropName.dav("getcontentlength"),
            PropName.dav("getlastmodified"),
            PropName.dav("getetag"),
            PropName.dav("getcontenttype"),
            PropName.dav("displayname"),
            PropName.dav("supportedlock"),
            PropName.dav("lockdiscovery"));

    private final FileUseCases files;
    private final AuthenticateUserUseCase authenticate;
    private final DeadProperties properties = new DeadProperties();
    private final DavLocks locks;

    public DavRoutes(FileUseCases files, AuthenticateUserUseCase authenticate, Clock clock) {
        this.files = files;
        this.authenticate = authenticate;
        this.locks = new DavLocks(clock);
    }

    public void register(RoutesConfig routes) {
        for (String method : METHODS) {
            HandlerType type = HandlerType.findOrCreate(method);
            routes.addHttpHandler(type, "/dav", this::handle);
            routes.addHttpHandler(type, "/dav/<path>", this::handle);
        }
        routes.get("/dav", this::handle); // and HEAD: RequestMethod
        routes.get("/dav/<path>", this::handle);
    }

    private void handle(Context ctx) throws Exception {
        UserId user = user(ctx);
        ItemPath path = PathParams.itemPath(ctx);
        if (DavPaths.reserved(path)) {
            throw new NotFoundException("the share-link space /dav/s/ is not served yet");
        }
        switch (ctx.method().name()) {
            case "OPTIONS" -> options(ctx);
            case "PROPFIND" -> propfind(ctx, user, path);
            case "PROPPATCH" -> proppatch(ctx, user, path);
            case "GET" -> get(ctx, user, path);
            case "PUT" -> put(ctx, user, path);
            case "MKCOL" -> mkcol(ctx, user, path);
            case "DELETE" -> delete(ctx, user, path);
            case "COPY" -> transfer(ctx, user, path, false);
            case "MOVE" -> transfer(ctx, user, path, true);
            case "LOCK" -> lock(ctx, user, path);
            case "UNLOCK" -> unlock(ctx, user, path);
            default ->
                throw new IllegalStateException("no handler for " + ctx.method().name());
        }
    }

    /** Basic (user name and API token) or Bearer; anything else is a 401 that asks for Basic. */
    private UserId user(Context ctx) {
        String header = ctx.header("Authorization");
        try {
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return authenticate.authenticate(header.substring(7).strip());
            }
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return authenticate.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            }
        } catch (UnauthorizedException | IllegalArgumentException e) {
            // answered below, as a missing header is
        }
        throw new HttpProblem(
                401, "unauthorized", "a user name and API token are required", Map.of("WWW-Authenticate", REALM));
    }

    private static void options(Context ctx) {
        ctx.header("DAV", "1, 2");
        ctx.header("Allow", ALLOW);
        ctx.header("MS-Author-Via", "DAV");
        ctx.status(200);
    }

    // ---- PROPFIND ----------------------------------------------------------------------------

    private void propfind(Context ctx, UserId user, ItemPath path) throws Exception {
        String depth =
                Optional.ofNullable(ctx.header("Depth")).map(String::strip).orElse("infinity");
        if (!depth.equals("0") && !depth.equals("1")) {
            if (depth.equalsIgnoreCase("infinity")) {
                sendError(ctx, 403, "<D:propfind-finite-depth/>");
                return;
            }
            throw badRequest("Depth must be 0 or 1");
        }
        Optional<Element> body = DavXml.body(ctx);
        Optional<List<PropName>> wanted = Optional.empty(); // empty: allprop
        boolean namesOnly = false;
        if (body.isPresent()) {
            Element root = body.get();
            if (!DavXml.isDav(root, "propfind")) {
                throw badRequest("the body must be a DAV:propfind");
            }
            Optional<Element> prop = DavXml.child(root, "prop");
            if (prop.isPresent()) {
                wanted = Optional.of(
                        DavXml.children(prop.get()).stream().map(PropName::of).toList());
            } else if (DavXml.child(root, "propname").isPresent()) {
                namesOnly = true;
            } else if (DavXml.child(root, "allprop").isEmpty()) {
                throw badRequest("a DAV:propfind needs prop, propname or allprop");
            }
        }
        StoredItem item = files.stat(user, path);
        List<StoredItem> members = List.of();
        if (depth.equals("1") && item.isFolder()) {
            FolderListing listing = files.list(user, path);
            members = listing.children();
        }
        ctx.status(207);
        ctx.res().setContentType(XML);
        try (DavWriter out = new DavWriter(ctx.res().getOutputStream())) {
            out.response(href(item), propstats(user, item, wanted, namesOnly));
            for (StoredItem member : members) {
                out.response(href(member), propstats(user, member, wanted, namesOnly));
            }
        }
    }

    private List<DavWriter.PropStat> propstats(
            UserId user, StoredItem item, Optional<List<PropName>> wanted, boolean namesOnly) {
        Map<PropName, String> dead = properties.of(user, item.path());
        if (namesOnly) {
            List<String> names = new ArrayList<>();
            for (PropName p : LIVE) {
                if (live(user, item, p).isPresent()) {
                    names.add(p.emptyElement());
                }
            }
            dead.keySet().forEach(p -> names.add(p.emptyElement()));
            return List.of(new DavWriter.PropStat(200, names));
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<PropName> names = wanted.orElseGet(() -> {
            List<PropName> all = new ArrayList<>(LIVE);
            all.addAll(dead.keySet());
            return all;
        });
        for (PropName p : names) {
            Optional<String> value = p.isDav() ? live(user, item, p) : Optional.ofNullable(dead.get(p));
            if (value.isPresent()) {
                found.add(value.get());
            } else if (wanted.isPresent()) {
                missing.add(p.emptyElement());
            }
        }
        return List.of(new DavWriter.PropStat(200, found), new DavWriter.PropStat(404, missing));
    }

    private Optional<String> live(UserId user, StoredItem item, PropName p) {
        String v = switch (p.local()) {
            case "resourcetype" ->
                item.isFolder() ? "<D:resourcetype><D:collection/></D:resourcetype>" : "<D:resourcetype/>";
            case "getcontentlength" ->
                item.isFolder() ? null : "<D:getcontentlength>" + item.size() + "</D:getcontentlength>";
            case "getlastmodified" ->
                "<D:getlastmodified>"
                        + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                item.modifiedAt().atOffset(ZoneOffset.UTC))
                        + "</D:getlastmodified>";
            case "getetag" -> "<D:getetag>" + DavWriter.escape(Downloads.etag(item)) + "</D:getetag>";
            case "getcontenttype" ->
                item.isFolder()
                        ? null
                        : "<D:getcontenttype>" + DavWriter.escape(contentType(item)) + "</D:getcontenttype>";
            case "displayname" ->
                "<D:displayname>" + DavWriter.escape(item.path().isRoot() ? "" : item.name()) + "</D:displayname>";
            case "supportedlock" ->
                "<D:supportedlock>"
                        + "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>"
                        + "<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>"
                        + "</D:supportedlock>";
            case "lockdiscovery" -> lockDiscovery(locks.covering(user, item.path()));
            default -> null;
        };
        return Optional.ofNullable(v);
    }

    private static String contentType(StoredItem item) {
        String guessed = URLConnection.guessContentTypeFromName(item.name());
        return guessed == null ? "application/octet-stream" : guessed;
    }

    // ---- PROPPATCH ---------------------------------------------------------------------------

    private void proppatch(Context ctx, UserId user, ItemPath path) throws Exception {
        StoredItem item = files.stat(user, path);
        checkLocks(ctx, user, path, List.of(path));
        Element root = DavXml.body(ctx).orElseThrow(() -> badRequest("a DAV:propertyupdate is required"));
        if (!DavXml.isDav(root, "propertyupdate")) {
            throw badRequest("the body must be a DAV:propertyupdate");
        }
        List<DeadProperties.Change> changes = new ArrayList<>();
        for (Element action : DavXml.children(root)) {
            boolean set = DavXml.isDav(action, "set");
            if (!set && !DavXml.isDav(action, "remove")) {
                throw badRequest("a DAV:propertyupdate holds only set and remove");
            }
            for (Element prop : DavXml.children(action)) {
                if (!DavXml.isDav(prop, "prop")) {
                    throw badRequest("set and remove hold a DAV:prop");
                }
                for (Element p : DavXml.children(prop)) {
                    changes.add(new DeadProperties.Change(
                            PropName.of(p), set ? Optional.of(DavXml.serialize(p)) : Optional.empty()));
                }
            }
        }
        // all or nothing (RFC 4918 §9.2): the live properties are protected, and when one of the
        // changes cannot be made the others fail with 424
        boolean refused = changes.stream().anyMatch(c -> c.name().isDav());
        boolean full = !refused && !properties.fits(user, path);
        Map<Integer, List<String>> byStatus = new LinkedHashMap<>();
        for (DeadProperties.Change c : changes) {
            int status = c.name().isDav() ? 403 : full ? 507 : refused ? 424 : 200;
            byStatus.computeIfAbsent(status, s -> new ArrayList<>())
                    .add(c.name().emptyElement());
        }
        if (!refused && !full) {
            properties.apply(user, path, changes);
        }
        ctx.status(207);
        ctx.res().setContentType(XML);
        try (DavWriter out = new DavWriter(ctx.res().getOutputStream())) {
            List<DavWriter.PropStat> groups = new ArrayList<>();
            byStatus.forEach((status, props) -> groups.add(new DavWriter.PropStat(status, props)));
            out.response(href(item), groups);
        }
    }

    // ---- GET, PUT, MKCOL, DELETE -------------------------------------------------------------

    private void get(Context ctx, UserId user, ItemPath path) throws Exception {
        StoredItem item = files.stat(user, path);
        if (item.isFolder()) {
            ctx.header("Allow", ALLOW);
            throw new HttpProblem(405, "method_not_allowed", "a folder has no content to GET; use PROPFIND", Map.of());
        }
        String etag = Downloads.etag(item);
        if (Downloads.notModified(ctx, etag)) {
            Downloads.notModifiedResponse(ctx, item);
            return;
        }
        Optional<ByteRange> range = Downloads.range(ctx, item.size(), etag);
        if (RequestMethod.isHead(ctx)) {
            Downloads.headers(ctx, item, range);
            return;
        }
        Downloads.send(ctx, files.read(user, path, range));
    }

    private void put(Context ctx, UserId user, ItemPath path) throws Exception {
        if (path.isRoot()) {
            throw new HttpProblem(405, "method_not_allowed", "the root of the space is a folder", Map.of());
        }
        Optional<StoredItem> existing = stat(user, path);
        if (existing.isPresent() && existing.get().isFolder()) {
            throw new HttpProblem(405, "method_not_allowed", "a folder is at " + path, Map.of());
        }
        requireParentFolder(user, path);
        checkLocks(ctx, user, path, existing.isPresent() ? List.of(path) : withParent(path));
        WriteResult result = files.upload(user, path, ctx.req().getInputStream());
        ctx.header("ETag", Downloads.etag(result.item()));
        ctx.status(result.created() ? 201 : 204);
    }

    private void mkcol(Context ctx, UserId user, ItemPath path) throws Exception {
        if (hasBody(ctx)) {
            throw new HttpProblem(415, "unsupported_media_type", "MKCOL takes no body", Map.of());
        }
        if (path.isRoot() || stat(user, path).isPresent()) {
            throw new HttpProblem(405, "method_not_allowed", "an item is already at " + path, Map.of());
        }
        requireParentFolder(user, path);
        checkLocks(ctx, user, path, withParent(path));
        files.makeFolder(user, path);
        ctx.status(201);
    }

    private void delete(Context ctx, UserId user, ItemPath path) throws Exception {
        if (path.isRoot()) {
            throw new HttpProblem(403, "forbidden", "the root of the space cannot be deleted", Map.of());
        }
        files.stat(user, path);
        checkLocksBelow(ctx, user, path);
        files.delete(user, path);
        properties.delete(user, path);
        locks.release(user, path);
        ctx.status(204);
    }

    // ---- COPY, MOVE --------------------------------------------------------------------------

    private void transfer(Context ctx, UserId user, ItemPath from, boolean move) throws Exception {
        String destination = ctx.header("Destination");
        if (destination == null) {
            throw badRequest("a Destination header is required");
        }
        ItemPath to = DavPaths.parse(
                        destination, Optional.ofNullable(ctx.header("Host")).orElse(""))
                .orElseThrow(() ->
                        new HttpProblem(502, "bad_gateway", "the destination is not in this WebDAV space", Map.of()));
        String overwriteHeader =
                Optional.ofNullable(ctx.header("Overwrite")).orElse("T").strip();
        if (!overwriteHeader.equals("T") && !overwriteHeader.equals("F")) {
            throw badRequest("Overwrite must be T or F");
        }
        boolean overwrite = overwriteHeader.equals("T");
        String depth =
                Optional.ofNullable(ctx.header("Depth")).orElse("infinity").strip();
        boolean shallow = depth.equals("0");
        if (!depth.equalsIgnoreCase("infinity") && !(shallow && !move)) {
            throw badRequest(move ? "MOVE takes Depth: infinity only" : "COPY takes Depth 0 or infinity");
        }
        if (from.isRoot() || to.isRoot() || from.equals(to) || to.startsWith(from)) {
            throw new HttpProblem(403, "forbidden", "the source and the destination overlap", Map.of());
        }
        StoredItem source = files.stat(user, from);
        Optional<StoredItem> replaced = stat(user, to);
        if (move) {
            checkLocksBelow(ctx, user, from);
        }
        if (replaced.isPresent()) {
            checkLocksBelow(ctx, user, to);
        } else {
            checkLocks(ctx, user, to, withParent(to));
        }
        if (replaced.isPresent() && !overwrite) {
            throw new HttpProblem(412, "precondition_failed", "an item is already at " + to, Map.of());
        }
        boolean created;
        if (shallow && source.isFolder()) {
            requireParentFolder(user, to);
            if (replaced.isPresent()) {
                files.delete(user, to);
            }
            files.makeFolder(user, to);
            properties.delete(user, to);
            properties.apply(
                    user,
                    to,
                    properties.of(user, from).entrySet().stream()
                            .map(e -> new DeadProperties.Change(e.getKey(), Optional.of(e.getValue())))
                            .toList());
            created = replaced.isEmpty();
        } else {
            TransferResult result =
                    move ? files.move(user, from, to, overwrite) : files.copy(user, from, to, overwrite);
            properties.copy(user, from, to, move);
            if (move) {
                locks.release(user, from);
            }
            created = result.created();
        }
        ctx.status(created ? 201 : 204);
    }

    // ---- LOCK, UNLOCK ------------------------------------------------------------------------

    private void lock(Context ctx, UserId user, ItemPath path) throws Exception {
        Optional<Duration> timeout = timeout(ctx.header("Timeout"));
        Optional<Element> body = DavXml.body(ctx);
        if (body.isEmpty()) {
            refresh(ctx, user, path, timeout);
            return;
        }
        Element info = body.get();
        if (!DavXml.isDav(info, "lockinfo")) {
            throw badRequest("the body must be a DAV:lockinfo");
        }
        Element scope = DavXml.child(info, "lockscope").orElseThrow(() -> badRequest("a DAV:lockscope is required"));
        boolean exclusive = DavXml.child(scope, "exclusive").isPresent();
        if (!exclusive && DavXml.child(scope, "shared").isEmpty()) {
            throw badRequest("the lock scope must be exclusive or shared");
        }
        Element type = DavXml.child(info, "locktype").orElseThrow(() -> badRequest("a DAV:locktype is required"));
        if (DavXml.child(type, "write").isEmpty()) {
            throw badRequest("only write locks are supported");
        }
        String owner = DavXml.child(info, "owner").map(DavXml::serializeContent).orElse("");
        String depth =
                Optional.ofNullable(ctx.header("Depth")).orElse("infinity").strip();
        if (!depth.equals("0") && !depth.equalsIgnoreCase("infinity")) {
            throw badRequest("LOCK takes Depth 0 or infinity");
        }
        Optional<StoredItem> item = stat(user, path);
        if (item.isEmpty()) {
            // a lock on an unmapped address makes an empty file there (RFC 4918 §7.3)
            requireParentFolder(user, path);
            checkLocks(ctx, user, path, withParent(path));
        } else {
            checkIf(ctx, user, path);
        }
        DavLocks.Lock lock = locks.lock(
                        user, path, exclusive, !depth.equals("0"), owner, timeout.orElse(DEFAULT_LOCK_TIMEOUT))
                .orElseThrow(() -> new HttpProblem(423, "locked", "a conflicting lock is on " + path, Map.of()));
        boolean created = false;
        if (item.isEmpty()) {
            try {
                files.upload(user, path, new ByteArrayInputStream(new byte[0]));
                created = true;
            } catch (UseCaseException | RuntimeException e) {
                locks.unlock(user, lock.token());
                throw e;
            }
        }
        ctx.header("Lock-Token", "<" + lock.token() + ">");
        sendLock(ctx, created ? 201 : 200, lock);
    }

    private void refresh(Context ctx, UserId user, ItemPath path, Optional<Duration> timeout) throws Exception {
        files.stat(user, path);
        IfHeader condition = ifHeader(ctx);
        for (String token : condition.tokens()) {
            Optional<DavLocks.Lock> lock = locks.byToken(user, token).filter(l -> l.covers(path));
            if (lock.isPresent()) {
                sendLock(ctx, 200, locks.refresh(user, lock.get(), timeout));
                return;
            }
        }
        throw new HttpProblem(412, "precondition_failed", "no lock of this resource is named in If", Map.of());
    }

    private void unlock(Context ctx, UserId user, ItemPath path) throws Exception {
        String header = Optional.ofNullable(ctx.header("Lock-Token")).orElse("").strip();
        if (header.length() < 3 || header.charAt(0) != '<' || header.charAt(header.length() - 1) != '>') {
            throw badRequest("a Lock-Token header is required");
        }
        String token = header.substring(1, header.length() - 1);
        Optional<DavLocks.Lock> lock = locks.byToken(user, token).filter(l -> l.covers(path));
        if (lock.isEmpty()) {
            sendError(ctx, 409, "<D:lock-token-matches-request-uri/>");
            return;
        }
        locks.unlock(user, token);
        ctx.status(204);
    }

    private void sendLock(Context ctx, int status, DavLocks.Lock lock) throws IOException {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:prop xmlns:D=\"DAV:\">"
                + lockDiscovery(List.of(lock)) + "</D:prop>\n";
        ctx.status(status);
        ctx.res().setContentType(XML);
        ctx.result(body.getBytes(StandardCharsets.UTF_8));
    }

    private String lockDiscovery(List<DavLocks.Lock> active) {
        StringBuilder b = new StringBuilder("<D:lockdiscovery>");
        for (DavLocks.Lock l : active) {
            b.append("<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope>")
                    .append(l.exclusive() ? "<D:exclusive/>" : "<D:shared/>")
                    .append("</D:lockscope><D:depth>")
                    .append(l.infinite() ? "infinity" : "0")
                    .append("</D:depth>");
            if (!l.owner().isEmpty()) {
                b.append("<D:owner>").append(l.owner()).append("</D:owner>");
            }
            b.append("<D:timeout>Second-")
                    .append(l.remaining(locks.now()).toSeconds())
                    .append("</D:timeout><D:locktoken><D:href>")
                    .append(DavWriter.escape(l.token()))
                    .append("</D:href></D:locktoken><D:lockroot><D:href>")
                    .append(DavWriter.escape(DavPaths.href(l.path(), false)))
                    .append("</D:href></D:lockroot></D:activelock>");
        }
        return b.append("</D:lockdiscovery>").toString();
    }

    private static Optional<Duration> timeout(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(",")) {
            String t = part.strip();
            if (t.equalsIgnoreCase("Infinite")) {
                return Optional.of(DavLocks.MAX_TIMEOUT);
            }
            if (t.regionMatches(true, 0, "Second-", 0, 7)) {
                try {
                    return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(t.substring(7)))));
                } catch (NumberFormatException e) {
                    // the next one, or the default
                }
            }
        }
        return Optional.empty();
    }

    // ---- conditions and locks ----------------------------------------------------------------

    private IfHeader ifHeader(Context ctx) {
        String header = ctx.header("If");
        return header == null ? IfHeader.none() : IfHeader.parse(header);
    }

    /**
     * The {@code If} header must hold (else 412), and every lock on the paths the request
     * changes must be named in it (else 423).
     */
    private void checkLocks(Context ctx, UserId user, ItemPath target, List<ItemPath> changed) throws Exception {
        IfHeader condition = checkIf(ctx, user, target);
        for (ItemPath p : changed) {
            requireTokens(condition, locks.covering(user, p));
        }
    }

    /** As {@link #checkLocks}, for a request that changes the item, its parent and all below it. */
    private void checkLocksBelow(Context ctx, UserId user, ItemPath path) throws Exception {
        checkLocks(ctx, user, path, withParent(path));
        requireTokens(ifHeader(ctx), locks.atOrBelow(user, path));
    }

    private IfHeader checkIf(Context ctx, UserId user, ItemPath target) throws Exception {
        IfHeader condition = ifHeader(ctx);
        if (!condition.isPresent()) {
            return condition;
        }
        String host = Optional.ofNullable(ctx.header("Host")).orElse("");
        Map<Optional<String>, Optional<String>> etags = new LinkedHashMap<>();
        for (IfHeader.ConditionList l : condition.lists()) {
            Optional<ItemPath> p = l.tag().isEmpty()
                    ? Optional.of(target)
                    : DavPaths.parse(l.tag().get(), host);
            Optional<String> etag =
                    p.isEmpty() ? Optional.empty() : stat(user, p.get()).map(Downloads::etag);
            etags.put(l.tag(), etag);
        }
        boolean holds = condition.holds(etags::get, (tag, token) -> {
            Optional<ItemPath> p = tag.isEmpty() ? Optional.of(target) : DavPaths.parse(tag.get(), host);
            return p.isPresent()
                    && locks.byToken(user, token).filter(l -> l.covers(p.get())).isPresent();
        });
        if (!holds) {
            throw new HttpProblem(412, "precondition_failed", "the If header does not hold", Map.of());
        }
        return condition;
    }

    private static void requireTokens(IfHeader condition, List<DavLocks.Lock> held) {
        List<String> submitted = condition.tokens();
        for (DavLocks.Lock l : held) {
            if (!submitted.contains(l.token())) {
                throw new HttpProblem(
                        423, "locked", "the item is locked; name its lock token in an If header", Map.of());
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Optional<StoredItem> stat(UserId user, ItemPath path) throws UseCaseException {
        try {
            return Optional.of(files.stat(user, path));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** WebDAV makes no parent folders: a missing one (or a file in its place) is a 409. */
    private void requireParentFolder(UserId user, ItemPath path) throws UseCaseException {
        ItemPath parent = path.parent().orElse(ItemPath.root());
        Optional<StoredItem> folder = stat(user, parent);
        if (folder.isEmpty() || !folder.get().isFolder()) {
            throw new HttpProblem(409, "conflict", "the folder to hold " + path + " does not exist", Map.of());
        }
    }

    private static List<ItemPath> withParent(ItemPath path) {
        return List.of(path, path.parent().orElse(ItemPath.root()));
    }

    private static boolean hasBody(Context ctx) {
        return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    }

    private static String href(StoredItem item) {
        return DavPaths.href(item.path(), item.isFolder());
    }

    private static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "bad_request", detail, Map.of());
    }

    /** An error with a precondition element as its body (RFC 4918 §16). */
    private static void sendError(Context ctx, int status, String condition) {
        String body =
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\">" + condition + "</D:error>\n";
        ctx.status(status);
        ctx.res().setContentType(XML);
        ctx.result(body.getBytes(StandardCharsets.UTF_8));
    }
}
