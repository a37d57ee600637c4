package dev.sharebridge.adapter.nextcloud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;

/**
 * A small stateful NextCloud for MockWebServer: an in-memory file tree behind WebDAV and link
 * shares behind OCS, answering in the formats and with the statuses of the recordings (MKCOL
 * 201/405/409/400, PROPFIND 207 with the explicit props, PUT 201/204, DELETE 204/404/403, GET with
 * ranges, MOVE/COPY 201/204/409/415/412/404 in Sabre's order, OCS create with the +16 permission
 * quirk). Thread-safe; not a complete NextCloud.
 */
public final class FakeNextcloud extends Dispatcher {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final String SHARES = "/ocs/v2.php/apps/files_sharing/api/v1/shares";

    private record Node(boolean folder, byte[] content, String etag, Instant modified) {}

    /** A link share as the fake made it. */
    public record Share(String id, String path, int permissions, String expireDate, String token) {}

    private final String user;
    private final String authorization;
    private final String davPrefix;
    private final Map<String, Node> tree = new TreeMap<>();
    private final Map<String, Share> shares = new HashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private String origin = "http://127.0.0.1:8080";

    public FakeNextcloud(String user, String password) {
        this.user = user;
        this.authorization = Credentials.basic(user, password, StandardCharsets.UTF_8);
        this.davPrefix = "/remote.php/dav/files/" + user;
        tree.put("", folder());
    }

    /** Seeds folders, e.g. the configured directory. */
    public synchronized FakeNextcloud mkdirs(String path) {
        StringBuilder p = new StringBuilder();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                p.append(p.length() == 0 ? "" : "/").append(s);
                tree.putIfAbsent(p.toString(), folder());
            }
        }
        return this;
    }

    public synchronized boolean exists(String path) {
        return tree.containsKey(path);
    }

    /** Every path in the tree, folders and files, in order. */
    public synchronized List<String> paths() {
        return List.copyOf(tree.keySet());
    }

    public synchronized Map<String, Share> shares() {
        return Map.copyOf(shares);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        if (request.getFailure() != null) {
            return new MockResponse.Builder().code(400).build(); // an aborted upload: nothing is kept
        }
        origin = request.getUrl().scheme() + "://" + request.getUrl().host() + ":"
                + request.getUrl().port();
        String path = request.getUrl().encodedPath();
        if (!authorization.equals(request.getHeaders().get("Authorization"))) {
            return Recorded.dav(401, "auth/dav-401-wrong-password.xml");
        }
        if (path.equals(davPrefix) || path.startsWith(davPrefix + "/")) {
            String rel = decode(path.substring(davPrefix.length()));
            return switch (request.getMethod()) {
                case "PROPFIND" -> propfind(rel, request.getHeaders().get("Depth"));
                case "MKCOL" -> mkcol(rel);
                case "PUT" ->
                    put(
                            rel,
                            request.getBody() == null
                                    ? new byte[0]
                                    : request.getBody().toByteArray());
                case "GET" -> get(rel, request.getHeaders().get("Range"));
                case "DELETE" -> delete(rel);
                case "MOVE", "COPY" ->
                    transfer(
                            request.getMethod().equals("MOVE"),
                            rel,
                            request.getHeaders().get("Destination"),
                            request.getHeaders().get("Overwrite"));
                default -> new MockResponse.Builder().code(405).build();
            };
        }
        if (path.startsWith(SHARES)) {
            if (!"true".equals(request.getHeaders().get("OCS-APIRequest"))) {
                return Recorded.json(412, Recorded.fixture("auth/ocs-412-csrf.json"));
            }
            if (request.getMethod().equals("POST") && path.equals(SHARES)) {
                return createShare(TestSupport.form(request));
            }
            String id = path.substring(SHARES.length() + 1);
            if (request.getMethod().equals("DELETE")) {
                return shares.remove(id) != null
                        ? Recorded.json(200, Recorded.fixture("ocs/delete-200.json"))
                        : Recorded.json(404, Recorded.fixture("ocs/delete-404.json"));
            }
        }
        return new MockResponse.Builder().code(404).build();
    }

    // ---- WebDAV -------------------------------------------------------------------------------

    private MockResponse propfind(String rel, String depth) {
        Node node = tree.get(rel);
        if (node == null) {
            return Recorded.dav(404, "dav/propfind-404.xml");
        }
        StringBuilder responses = new StringBuilder(response(rel, node));
        if (node.folder() && !"0".equals(depth)) {
            for (String child : children(rel)) {
                responses.append(response(child, tree.get(child)));
            }
        }
        return TestSupport.multistatus(responses.toString());
    }

    private String response(String rel, Node node) {
        String href = davPrefix + "/" + encode(rel) + (node.folder() && !rel.isEmpty() ? "/" : "");
        String date = HTTP_DATE.format(node.modified());
        if (node.folder()) {
            return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop><d:resourcetype><d:collection/>"
                    + "</d:resourcetype><d:getetag>&quot;" + node.etag() + "&quot;</d:getetag><d:getlastmodified>"
                    + date
                    + "</d:getlastmodified><oc:fileid>7</oc:fileid><oc:permissions>RGDNVCK</oc:permissions><oc:size>0"
                    + "</oc:size><oc:share-types/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat>"
                    + "<d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>"
                    + "</d:response>";
        }
        return TestSupport.fileResponse(href, node.content().length, node.etag())
                .replace("Sun, 22 Nov 2026 08:08:00 GMT", date);
    }

    private MockResponse mkcol(String rel) {
        if (tree.containsKey(rel)) {
            return Recorded.dav(405, "dav/mkcol-405-exists.xml");
        }
        Node parent = tree.get(parentOf(rel));
        if (parent == null) {
            return Recorded.dav(409, "dav/mkcol-409-parent-missing.xml");
        }
        if (!parent.folder()) {
            return Recorded.dav(409, "dav/mkcol-409-not-collection.xml");
        }
        if (nameOf(rel).equals(".htaccess")) {
            return Recorded.dav(400, "dav/mkcol-400-invalid-path.xml");
        }
        tree.put(rel, folder());
        return Recorded.empty(201);
    }

    private MockResponse put(String rel, byte[] content) {
        Node existing = tree.get(rel);
        Node parent = tree.get(parentOf(rel));
        if (rel.isEmpty() || (existing != null && existing.folder()) || (parent != null && !parent.folder())) {
            return Recorded.dav(409, "dav/mkcol-409-not-collection.xml");
        }
        if (parent == null) {
            return Recorded.dav(404, "dav/propfind-404.xml");
        }
        Node file = new Node(false, content, String.format("%032x", clock.incrementAndGet()), tick());
        tree.put(rel, file);
        return new MockResponse.Builder(Recorded.empty(existing == null ? 201 : 204))
                .setHeader("ETag", "\"" + file.etag() + "\"")
                .setHeader("OC-ETag", "\"" + file.etag() + "\"")
                .build();
    }

    private MockResponse get(String rel, String range) {
        Node node = tree.get(rel);
        if (node == null || node.folder()) {
            return Recorded.dav(404, "dav/propfind-404.xml");
        }
        byte[] content = node.content();
        MockResponse.Builder answer = new MockResponse.Builder()
                .setHeader("Content-Type", "application/octet-stream")
                .setHeader("ETag", "\"" + node.etag() + "\"")
                .setHeader("Accept-Ranges", "bytes");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            int first = Integer.parseInt(m.group(1));
            int last = Math.min(Integer.parseInt(m.group(2)), content.length - 1);
            okio.Buffer part = new okio.Buffer().write(Arrays.copyOfRange(content, first, last + 1));
            return answer.code(206)
                    .setHeader("Content-Range", "bytes " + first + "-" + last + "/" + content.length)
                    .body(part)
                    .build();
        }
        return answer.code(200).body(new okio.Buffer().write(content)).build();
    }

    private MockResponse delete(String rel) {
        if (rel.isEmpty()) {
            return Recorded.dav(403, "dav/delete-home-403.xml");
        }
        if (!tree.containsKey(rel)) {
            return Recorded.dav(404, "dav/delete-404.xml");
        }
        tree.keySet().removeIf(k -> k.equals(rel) || k.startsWith(rel + "/"));
        return Recorded.empty(204);
    }

    /**
     * Sabre's order: the destination first (Server::getCopyAndMoveInfo: its parent 409/415, an
     * existing one with {@code Overwrite: F} 412, the same path or the home 403, below the source
     * 409), then the source (NextCloud's beforeMove/beforeCopy: 404); a replaced destination is
     * deleted before the move or copy. A moved item keeps its etag, a copy gets new ones.
     */
    private MockResponse transfer(boolean move, String rel, String destination, String overwrite) {
        okhttp3.HttpUrl url = destination == null ? null : okhttp3.HttpUrl.parse(destination);
        if (url == null || !url.encodedPath().startsWith(davPrefix + "/")) {
            return new MockResponse.Builder().code(400).build();
        }
        String to = decode(url.encodedPath().substring(davPrefix.length()));
        Node parent = tree.get(parentOf(to));
        if (parent == null) {
            return Recorded.dav(409, "dav/move-409-destination-parent-missing.xml");
        }
        if (!parent.folder()) {
            return Recorded.dav(415, "dav/move-415-destination-parent-not-a-collection.xml");
        }
        boolean exists = tree.containsKey(to);
        if (exists && "F".equals(overwrite)) {
            return Recorded.dav(412, "dav/move-412-destination-exists.xml");
        }
        if (to.equals(rel) || rel.isEmpty()) {
            return new MockResponse.Builder().code(403).build(); // NextCloud: the home is never moved
        }
        if (to.startsWith(rel + "/")) {
            return new MockResponse.Builder().code(409).build();
        }
        if (!tree.containsKey(rel)) {
            return Recorded.dav(404, "dav/propfind-404.xml");
        }
        Map<String, Node> items = new TreeMap<>();
        tree.forEach((k, node) -> {
            if (k.equals(rel) || k.startsWith(rel + "/")) {
                items.put(k, node);
            }
        });
        tree.keySet().removeIf(k -> k.equals(to) || k.startsWith(to + "/"));
        if (move) {
            tree.keySet().removeAll(items.keySet());
        }
        items.forEach((k, node) -> tree.put(
                to + k.substring(rel.length()),
                move
                        ? node
                        : node.folder()
                                ? folder()
                                : new Node(
                                        false,
                                        node.content(),
                                        String.format("%032x", clock.incrementAndGet()),
                                        tick())));
        return Recorded.empty(exists ? 204 : 201);
    }

    // ---- OCS ----------------------------------------------------------------------------------

    private MockResponse createShare(Map<String, String> form) {
        String path = form.getOrDefault("path", "");
        String rel = path.startsWith("/") ? path.substring(1) : path;
        Node node = tree.get(rel);
        if (node == null || rel.isEmpty()) {
            return Recorded.json(404, Recorded.fixture("ocs/create-404-path.json"));
        }
        int asked = Integer.parseInt(form.getOrDefault("permissions", "1"));
        int permissions = node.folder() ? asked : asked & ~(4 | 8);
        if ((permissions & 1) != 0) {
            permissions |= 16; // NextCloud adds SHARE to every link that can read
        }
        String expire = form.getOrDefault("expireDate", "");
        String id = Long.toString(50 + clock.incrementAndGet());
        String token = String.format("Tok%012d", clock.get());
        shares.put(id, new Share(id, path, permissions, expire, token));
        String body =
                "{\"ocs\":{\"meta\":{\"status\":\"ok\",\"statuscode\":200,\"message\":\"OK\"},\"data\":{\"id\":\"" + id
                        + "\",\"share_type\":3,\"uid_owner\":\"" + user + "\",\"permissions\":" + permissions
                        + ",\"expiration\":" + (expire.isEmpty() ? "null" : "\"" + expire + " 23:59:59\"")
                        + ",\"token\":\"" + token + "\",\"path\":\"" + path.replace("/", "\\/") + "\",\"item_type\":\""
                        + (node.folder() ? "folder" : "file")
                        + "\",\"share_with\":\"redacted\",\"password\":\"redacted\",\"url\":\""
                        + (origin + "/s/" + token).replace("/", "\\/") + "\"}}}";
        return Recorded.json(200, body);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Node folder() {
        return new Node(true, new byte[0], String.format("%013x", clock.incrementAndGet()), tick());
    }

    private Instant tick() {
        return Instant.parse("2026-11-22T08:00:00Z").plusSeconds(clock.incrementAndGet());
    }

    private List<String> children(String rel) {
        List<String> out = new ArrayList<>();
        String prefix = rel.isEmpty() ? "" : rel + "/";
        for (String k : tree.keySet()) {
            if (!k.isEmpty() && k.startsWith(prefix) && !k.equals(rel) && k.indexOf('/', prefix.length()) < 0) {
                out.add(k);
            }
        }
        return out;
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private static String nameOf(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    /** Decodes the request path; the adapter sends '+' as %2B, so a literal '+' is kept as '+'. */
    private static String decode(String encodedPath) {
        List<String> segments = new ArrayList<>();
        for (String s : encodedPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return String.join("/", segments);
    }

    /** Encodes like NextCloud's hrefs: per segment, lower-case hex. */
    private static String encode(String rel) {
        List<String> segments = new ArrayList<>();
        for (String s : rel.split("/")) {
            if (!s.isEmpty()) {
                Matcher m = Pattern.compile("%[0-9A-F]{2}").matcher(DavLocation.encodeSegment(s));
                segments.add(m.replaceAll(r -> r.group().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return String.join("/", segments);
    }
}
