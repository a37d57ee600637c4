package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.adapter.http.javalin.internal.CountedAnswers;
import dev.sharebridge.adapter.http.javalin.internal.Downloads;
import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import dev.sharebridge.adapter.http.javalin.internal.MediaTypes;
import dev.sharebridge.adapter.http.javalin.internal.RequestBodies;
import dev.sharebridge.adapter.http.javalin.internal.RequestMethod;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FolderStream;
import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import dev.sharebridge.domain.dav.DavLock;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.w3c.dom.Element;

/**
 * WebDAV class 1 and 2 (RFC 4918) over any {@link DavSpace}: the owner space and every link's
 * space share this one protocol layer, its hardened XML parsing ({@link DavXml}), streamed
 * multistatus ({@link DavWriter}), locks ({@link DavLockStore}, with the rules of
 * {@link DavLock}) and dead properties ({@link DeadPropertyStore}), which every instance on one
 * database shares. What may be read or changed is the space's use cases' to decide; this class
 * asks them and translates. After a DELETE, MOVE or COPY has succeeded it makes the state follow:
 * the dead properties go, move or are copied with the items, and the locks of what was deleted or
 * moved away end (RFC 4918 §7.6, §9.8, §9.9). One instance serves every space of a server.
 */
final class DavProtocol {
    static final String ALLOW = "OPTIONS, PROPFIND, PROPPATCH, GET, HEAD, PUT, MKCOL, DELETE, COPY, MOVE, LOCK, UNLOCK";
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

    private final DeadPropertyStore properties;
    private final DavLockStore locks;
    private final Clock clock;
    private final CountedAnswers answers;

    /** @param answers where a counted download's answer is sent from once its access is committed */
    DavProtocol(DavLockStore locks, DeadPropertyStore properties, Clock clock, Executor answers) {
        this.locks = locks;
        this.properties = properties;
        this.clock = clock;
        this.answers = new CountedAnswers(answers);
    }

    /**
     * Answers one request on {@code path} of {@code space}. The space is entered first, so that a
     * space that is not there (an unknown or ended link) or not open to the caller (a link's
     * password) answers alike whatever the method, before any item is looked for (a missing
     * item inside it is something else: a 404 of the item, or a 409 for a missing parent).
     */
    void handle(Context ctx, DavSpace space, ItemPath path) throws Exception {
        space.enter();
        switch (ctx.method().name()) {
            case "OPTIONS" -> options(ctx);
            case "PROPFIND" -> propfind(ctx, space, path);
            case "PROPPATCH" -> proppatch(ctx, space, path);
            case "GET" -> get(ctx, space, path);
            case "PUT" -> put(ctx, space, path);
            case "MKCOL" -> mkcol(ctx, space, path);
            case "DELETE" -> delete(ctx, space, path);
            case "COPY" -> transfer(ctx, space, path, false);
            case "MOVE" -> transfer(ctx, space, path, true);
            case "LOCK" -> lock(ctx, space, path);
            case "UNLOCK" -> unlock(ctx, space, path);
            default ->
                throw new IllegalStateException("no handler for " + ctx.method().name());
        }
    }

    private static void options(Context ctx) {
        ctx.header("DAV", "1, 2");
        ctx.header("Allow", ALLOW);
        ctx.header("MS-Author-Via", "DAV");
        ctx.status(200);
    }

    // ---- PROPFIND ----------------------------------------------------------------------------

    private void propfind(Context ctx, DavSpace space, ItemPath path) throws Exception {
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
        StoredItem item = space.stat(path);
        // a folder's members are written as the storage reads them: memory stays flat for any size
        try (FolderStream members = depth.equals("1") && item.isFolder()
                        ? space.list(path)
                        : new FolderStream(item, Stream.empty());
                DavWriter out = start207(ctx)) {
            // the target by the address asked for (a shared file is its link's root, but has its name)
            out.response(space.href(path, item.isFolder()), propstats(space, path, item, wanted, namesOnly));
            Iterator<StoredItem> each = members.children().iterator();
            while (each.hasNext()) {
                StoredItem member = each.next();
                out.response(
                        space.href(member.path(), member.isFolder()),
                        propstats(space, member.path(), member, wanted, namesOnly));
            }
        }
    }

    private static DavWriter start207(Context ctx) throws IOException {
        ctx.status(207);
        ctx.res().setContentType(XML);
        return new DavWriter(ctx.res().getOutputStream());
    }

    private List<DavWriter.PropStat> propstats(
            DavSpace space, ItemPath path, StoredItem item, Optional<List<PropName>> wanted, boolean namesOnly) {
        Map<PropName, String> dead = deadProperties(space, path);
        if (namesOnly) {
            List<String> names = new ArrayList<>();
            for (PropName p : LIVE) {
                if (live(space, path, item, p).isPresent()) {
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
            Optional<String> value = p.isDav() ? live(space, path, item, p) : Optional.ofNullable(dead.get(p));
            if (value.isPresent()) {
                found.add(value.get());
            } else if (wanted.isPresent()) {
                missing.add(p.emptyElement());
            }
        }
        return List.of(new DavWriter.PropStat(200, found), new DavWriter.PropStat(404, missing));
    }

    private Optional<String> live(DavSpace space, ItemPath path, StoredItem item, PropName p) {
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
            case "lockdiscovery" -> lockDiscovery(space, covering(space, path));
            default -> null;
        };
        return Optional.ofNullable(v);
    }

    /** The type a GET of the item is answered with (the same table, active types as octet-stream). */
    private static String contentType(StoredItem item) {
        return MediaTypes.serve(item.name(), false).contentType();
    }

    // ---- PROPPATCH ---------------------------------------------------------------------------

    private void proppatch(Context ctx, DavSpace space, ItemPath path) throws Exception {
        StoredItem item = space.stat(path);
        space.checkChange();
        checkLocks(ctx, space, path, List.of(path));
        Element root = DavXml.body(ctx).orElseThrow(() -> badRequest("a DAV:propertyupdate is required"));
        if (!DavXml.isDav(root, "propertyupdate")) {
            throw badRequest("the body must be a DAV:propertyupdate");
        }
        List<DeadPropertyStore.Change> changes = new ArrayList<>();
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
                    changes.add(new DeadPropertyStore.Change(
                            PropName.of(p).name(), set ? Optional.of(DavXml.serialize(p)) : Optional.empty()));
                }
            }
        }
        // all or nothing (RFC 4918 §9.2): the live properties are protected, and when one of the
        // changes cannot be made the others fail with 424
        boolean refused = changes.stream().anyMatch(c -> PropName.of(c.name()).isDav());
        // all applied, or none when the space has properties on too many resources
        boolean full = !refused && !properties.apply(space.key(), path, changes);
        Map<Integer, List<String>> byStatus = new LinkedHashMap<>();
        for (DeadPropertyStore.Change c : changes) {
            PropName name = PropName.of(c.name());
            int status = name.isDav() ? 403 : full ? 507 : refused ? 424 : 200;
            byStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(name.emptyElement());
        }
        ctx.status(207);
        ctx.res().setContentType(XML);
        try (DavWriter out = new DavWriter(ctx.res().getOutputStream())) {
            List<DavWriter.PropStat> groups = new ArrayList<>();
            byStatus.forEach((status, props) -> groups.add(new DavWriter.PropStat(status, props)));
            out.response(space.href(path, item.isFolder()), groups);
        }
    }

    // ---- GET, PUT, MKCOL, DELETE -------------------------------------------------------------

    private void get(Context ctx, DavSpace space, ItemPath path) throws Exception {
        StoredItem item = space.stat(path);
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
        // a link's download is counted: answered once its access is committed
        answers.answer(ctx, space.read(path, range), content -> Downloads.send(ctx, content));
    }

    private void put(Context ctx, DavSpace space, ItemPath path) throws Exception {
        if (path.isRoot()) {
            throw new HttpProblem(405, "method_not_allowed", "the root of the space is a folder", Map.of());
        }
        Optional<StoredItem> existing = probe(space, path);
        if (existing.isPresent() && existing.get().isFolder()) {
            throw new HttpProblem(405, "method_not_allowed", "a folder is at " + path, Map.of());
        }
        requireParentFolder(space, path);
        checkLocks(ctx, space, path, existing.isPresent() ? List.of(path) : withParent(path));
        WriteResult result = space.upload(path, ctx.req().getInputStream(), RequestBodies.declaredLength(ctx));
        ctx.header("ETag", Downloads.etag(result.item()));
        ctx.status(result.created() ? 201 : 204);
    }

    private void mkcol(Context ctx, DavSpace space, ItemPath path) throws Exception {
        if (hasBody(ctx)) {
            throw new HttpProblem(415, "unsupported_media_type", "MKCOL takes no body", Map.of());
        }
        if (path.isRoot() || probe(space, path).isPresent()) {
            throw alreadyThere(path);
        }
        requireParentFolder(space, path);
        checkLocks(ctx, space, path, withParent(path));
        if (!space.makeFolder(path)) {
            throw alreadyThere(path); // a space that cannot be read (a file drop) learns it only here
        }
        ctx.status(201);
    }

    private void delete(Context ctx, DavSpace space, ItemPath path) throws Exception {
        if (path.isRoot()) {
            throw new HttpProblem(403, "forbidden", "the root of the space cannot be deleted", Map.of());
        }
        space.stat(path);
        checkLocksBelow(ctx, space, path);
        space.delete(path);
        properties.delete(space.key(), path);
        locks.release(space.key(), path);
        ctx.status(204);
    }

    // ---- COPY, MOVE --------------------------------------------------------------------------

    private void transfer(Context ctx, DavSpace space, ItemPath from, boolean move) throws Exception {
        String destination = ctx.header("Destination");
        if (destination == null) {
            throw badRequest("a Destination header is required");
        }
        ItemPath to = space.parse(
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
        StoredItem source = space.stat(from);
        Optional<StoredItem> replaced = stat(space, to);
        if (move) {
            checkLocksBelow(ctx, space, from);
        }
        if (replaced.isPresent()) {
            checkLocksBelow(ctx, space, to);
        } else {
            checkLocks(ctx, space, to, withParent(to));
        }
        if (replaced.isPresent() && !overwrite) {
            throw new HttpProblem(412, "precondition_failed", "an item is already at " + to, Map.of());
        }
        boolean created;
        if (shallow && source.isFolder()) {
            requireParentFolder(space, to);
            if (replaced.isPresent()) {
                space.delete(to);
            }
            space.makeFolder(to);
            // the folder's own properties, not its members'
            properties.transfer(space.key(), from, to, false, false);
            created = replaced.isEmpty();
        } else {
            TransferResult result = move ? space.move(from, to, overwrite) : space.copy(from, to, overwrite);
            // dead properties stay with the items (RFC 4918 §9.8.2, §9.9.1); locks do not move
            properties.transfer(space.key(), from, to, true, move);
            if (move) {
                locks.release(space.key(), from);
            }
            created = result.created();
        }
        ctx.status(created ? 201 : 204);
    }

    // ---- LOCK, UNLOCK ------------------------------------------------------------------------

    private void lock(Context ctx, DavSpace space, ItemPath path) throws Exception {
        space.checkChange();
        Optional<Duration> timeout = timeout(ctx.header("Timeout"));
        Optional<Element> body = DavXml.body(ctx);
        if (body.isEmpty()) {
            refresh(ctx, space, path, timeout);
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
        Optional<StoredItem> item = stat(space, path);
        if (item.isEmpty()) {
            // a lock on an unmapped address makes an empty file there (RFC 4918 §7.3)
            requireParentFolder(space, path);
            checkLocks(ctx, space, path, withParent(path));
        } else {
            checkIf(ctx, space, path);
        }
        Instant now = clock.instant();
        DavLock lock =
                DavLock.create(path, exclusive, !depth.equals("0"), owner, timeout.orElse(DEFAULT_LOCK_TIMEOUT), now);
        if (!locks.lock(space.key(), lock, now)) {
            throw new HttpProblem(423, "locked", "a conflicting lock is on " + path, Map.of());
        }
        boolean created = false;
        if (item.isEmpty()) {
            try {
                space.upload(path, new ByteArrayInputStream(new byte[0]), OptionalLong.of(0));
                created = true;
            } catch (UseCaseException | RuntimeException e) {
                locks.unlock(space.key(), lock.token());
                throw e;
            }
        }
        ctx.header("Lock-Token", "<" + lock.token() + ">");
        sendLock(ctx, space, created ? 201 : 200, lock);
    }

    private void refresh(Context ctx, DavSpace space, ItemPath path, Optional<Duration> timeout) throws Exception {
        space.stat(path);
        IfHeader condition = ifHeader(ctx);
        for (String token : condition.tokens()) {
            Optional<DavLock> lock = byToken(space, token).filter(l -> l.covers(path));
            Optional<DavLock> renewed = lock.flatMap(
                    l -> locks.refresh(space.key(), l.token(), timeout.orElse(l.timeout()), clock.instant()));
            if (renewed.isPresent()) {
                sendLock(ctx, space, 200, renewed.get());
                return;
            }
        }
        throw new HttpProblem(412, "precondition_failed", "no lock of this resource is named in If", Map.of());
    }

    private void unlock(Context ctx, DavSpace space, ItemPath path) throws Exception {
        space.checkChange();
        String header = Optional.ofNullable(ctx.header("Lock-Token")).orElse("").strip();
        if (header.length() < 3 || header.charAt(0) != '<' || header.charAt(header.length() - 1) != '>') {
            throw badRequest("a Lock-Token header is required");
        }
        String token = header.substring(1, header.length() - 1);
        Optional<DavLock> lock = byToken(space, token).filter(l -> l.covers(path));
        if (lock.isEmpty()) {
            sendError(ctx, 409, "<D:lock-token-matches-request-uri/>");
            return;
        }
        locks.unlock(space.key(), token);
        ctx.status(204);
    }

    private void sendLock(Context ctx, DavSpace space, int status, DavLock lock) throws IOException {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:prop xmlns:D=\"DAV:\">"
                + lockDiscovery(space, List.of(lock)) + "</D:prop>\n";
        ctx.status(status);
        ctx.res().setContentType(XML);
        ctx.result(body.getBytes(StandardCharsets.UTF_8));
    }

    private String lockDiscovery(DavSpace space, List<DavLock> active) {
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder("<D:lockdiscovery>");
        for (DavLock l : active) {
            b.append("<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope>")
                    .append(l.exclusive() ? "<D:exclusive/>" : "<D:shared/>")
                    .append("</D:lockscope><D:depth>")
                    .append(l.infinite() ? "infinity" : "0")
                    .append("</D:depth>");
            if (!l.owner().isEmpty()) {
                b.append("<D:owner>").append(l.owner()).append("</D:owner>");
            }
            b.append("<D:timeout>Second-")
                    .append(l.remaining(now).toSeconds())
                    .append("</D:timeout><D:locktoken><D:href>")
                    .append(DavWriter.escape(l.token()))
                    .append("</D:href></D:locktoken><D:lockroot><D:href>")
                    .append(DavWriter.escape(space.href(l.path(), l.path().isRoot())))
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
                return Optional.of(DavLock.MAX_TIMEOUT);
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
    private void checkLocks(Context ctx, DavSpace space, ItemPath target, List<ItemPath> changed) throws Exception {
        IfHeader condition = checkIf(ctx, space, target);
        for (ItemPath p : changed) {
            requireTokens(condition, covering(space, p));
        }
    }

    /** As {@link #checkLocks}, for a request that changes the item, its parent and all below it. */
    private void checkLocksBelow(Context ctx, DavSpace space, ItemPath path) throws Exception {
        checkLocks(ctx, space, path, withParent(path));
        requireTokens(
                ifHeader(ctx),
                locks.live(space.key(), clock.instant()).stream()
                        .filter(l -> l.path().startsWith(path))
                        .toList());
    }

    private IfHeader checkIf(Context ctx, DavSpace space, ItemPath target) throws Exception {
        IfHeader condition = ifHeader(ctx);
        if (!condition.isPresent()) {
            return condition;
        }
        String host = Optional.ofNullable(ctx.header("Host")).orElse("");
        Map<Optional<String>, Optional<String>> etags = new LinkedHashMap<>();
        for (IfHeader.ConditionList l : condition.lists()) {
            Optional<ItemPath> p = l.tag().isEmpty()
                    ? Optional.of(target)
                    : space.parse(l.tag().get(), host);
            Optional<String> etag =
                    p.isEmpty() ? Optional.empty() : probe(space, p.get()).map(Downloads::etag);
            etags.put(l.tag(), etag);
        }
        boolean holds = condition.holds(etags::get, (tag, token) -> {
            Optional<ItemPath> p = tag.isEmpty() ? Optional.of(target) : space.parse(tag.get(), host);
            return p.isPresent()
                    && byToken(space, token).filter(l -> l.covers(p.get())).isPresent();
        });
        if (!holds) {
            throw new HttpProblem(412, "precondition_failed", "the If header does not hold", Map.of());
        }
        return condition;
    }

    private static void requireTokens(IfHeader condition, List<DavLock> held) {
        List<String> submitted = condition.tokens();
        for (DavLock l : held) {
            if (!submitted.contains(l.token())) {
                throw new HttpProblem(
                        423, "locked", "the item is locked; name its lock token in an If header", Map.of());
            }
        }
    }

    // ---- state -------------------------------------------------------------------------------

    /** The live locks that cover {@code path}. */
    private List<DavLock> covering(DavSpace space, ItemPath path) {
        return locks.live(space.key(), clock.instant()).stream()
                .filter(l -> l.covers(path))
                .toList();
    }

    private Optional<DavLock> byToken(DavSpace space, String token) {
        if (token.length() > DavLock.MAX_TOKEN_LENGTH) {
            return Optional.empty(); // not one of ours
        }
        return locks.byToken(space.key(), token, clock.instant());
    }

    private Map<PropName, String> deadProperties(DavSpace space, ItemPath path) {
        Map<PropName, String> dead = new LinkedHashMap<>();
        properties.of(space.key(), path).forEach((name, value) -> dead.put(PropName.of(name), value));
        return dead;
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Optional<StoredItem> stat(DavSpace space, ItemPath path) throws UseCaseException {
        try {
            return Optional.of(space.stat(path));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The item, if any, where a space may be written without being read (a file drop): there
     * nothing can be looked up, and the change's own use case decides (empty).
     */
    private static Optional<StoredItem> probe(DavSpace space, ItemPath path) throws UseCaseException {
        try {
            return stat(space, path);
        } catch (ForbiddenException e) {
            return Optional.empty();
        }
    }

    /**
     * WebDAV makes no parent folders: a missing one (or a file in its place) is a 409. In a space
     * that cannot be read the upload's use case decides.
     */
    private static void requireParentFolder(DavSpace space, ItemPath path) throws UseCaseException {
        ItemPath parent = path.parent().orElse(ItemPath.root());
        Optional<StoredItem> folder;
        try {
            folder = stat(space, parent);
        } catch (ForbiddenException e) {
            return;
        }
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

    private static HttpProblem alreadyThere(ItemPath path) {
        return new HttpProblem(405, "method_not_allowed", "an item is already at " + path, Map.of());
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
