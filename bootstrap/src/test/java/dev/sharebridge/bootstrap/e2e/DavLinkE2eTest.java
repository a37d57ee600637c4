package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebDAV space of share links {@code /dav/s/{token}/} (docs/reference.md §11) on the real
 * server (H2): what each kind of link allows, its passwords under the verify budgets, the one
 * 404, and what is counted. litmus and rclone run in their own tests.
 */
class DavLinkE2eTest {
    private static final String PASSWORD = "a long passphrase for dav";
    private static final int VERIFY_BUDGET = 3;
    private static final String DEPTH_1 = "1";

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        // every request reads the link's row (an expiry set in the database below is seen at once)
        server = E2eServer.start(dir, "verify_failures_per_client = " + VERIFY_BUDGET + "\n\n[cache]\nshares_ms = 0\n");
        http = server.http();
        alice = server.addUser("alice");
        put("/api/files/docs/a.txt", "hello");
        put("/api/files/docs/sub/b.txt", "bee");
        put("/api/files/secret.txt", "not shared");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aReadOnlyLinkRefusesEveryWriteAndNothingChanges() {
        String t = link("docs", "folder", true, false, null, null).path("token").asText();
        String base = "/dav/s/" + t + "/";
        assertThat(dav("PROPFIND", base, DEPTH_1).status()).isEqualTo(207);

        assertThat(http.put(base + "new.txt", bytes("x")).status()).isEqualTo(403);
        assertThat(http.put(base + "a.txt", bytes("replaced")).status()).isEqualTo(403);
        assertThat(http.delete(base + "a.txt").status()).isEqualTo(403);
        assertThat(http.delete(base + "sub/").status()).isEqualTo(403);
        assertThat(dav("MKCOL", base + "made").status()).isEqualTo(403);
        assertThat(http.send("MOVE", base + "a.txt", null, "Destination", base + "moved.txt")
                        .status())
                .isEqualTo(403);
        assertThat(http.send("COPY", base + "a.txt", null, "Destination", base + "copied.txt")
                        .status())
                .isEqualTo(403);
        assertThat(http.send("PROPPATCH", base + "a.txt", proppatch(), "Content-Type", "application/xml")
                        .status())
                .isEqualTo(403);
        assertThat(http.send("LOCK", base + "a.txt", lockinfo(), "Content-Type", "application/xml")
                        .status())
                .isEqualTo(403);

        assertThat(ownerList("docs")).containsExactly("a.txt", "sub");
        assertThat(ownerList("docs/sub")).containsExactly("b.txt");
        assertThat(http.get("/api/files/docs/a.txt", bearer(alice)).text()).isEqualTo("hello");
        assertThat(dav("PROPFIND", base + "a.txt", "0").text()).doesNotContain("sharebridge.test");
    }

    @Test
    void aFileDropTakesNewFilesAndFoldersButShowsNothing() {
        String t = link("docs", "folder", false, true, null, null).path("token").asText();
        String base = "/dav/s/" + t + "/";

        assertThat(dav("PROPFIND", base, DEPTH_1).status()).isEqualTo(403);
        assertThat(dav("PROPFIND", base + "a.txt", "0").status()).isEqualTo(403);
        assertThat(http.get(base + "a.txt").status()).isEqualTo(403);
        assertThat(http.head(base + "a.txt").status()).isEqualTo(403);
        assertThat(http.delete(base + "a.txt").status()).isEqualTo(403);
        assertThat(http.put(base + "a.txt", bytes("evil")).status())
                .as("replacing is reading")
                .isEqualTo(403);

        assertThat(dav("MKCOL", base + "inbox").status()).isEqualTo(201);
        assertThat(http.put(base + "inbox/report.pdf", bytes("dropped")).status())
                .isEqualTo(201);
        assertThat(http.get("/api/files/docs/inbox/report.pdf", bearer(alice)).text())
                .isEqualTo("dropped");
        assertThat(http.get("/api/files/docs/a.txt", bearer(alice)).text()).isEqualTo("hello");
    }

    @Test
    void aWritableLinkChangesInsideButNeverItsRoot() {
        String t = link("docs", "folder", true, true, null, null).path("token").asText();
        String base = "/dav/s/" + t + "/";

        assertThat(http.put(base + "sub/c.txt", bytes("sea")).status()).isEqualTo(201);
        assertThat(http.send("MOVE", base + "sub/c.txt", null, "Destination", base + "c.txt")
                        .status())
                .isEqualTo(201);
        assertThat(http.send("COPY", base + "sub/", null, "Destination", base + "sub2/")
                        .status())
                .isEqualTo(201);
        assertThat(http.delete(base + "sub2/").status()).isEqualTo(204);
        assertThat(ownerList("docs")).containsExactly("a.txt", "c.txt", "sub");

        assertThat(http.delete(base).status()).isEqualTo(403);
        assertThat(http.delete("/dav/s/" + t).status()).isEqualTo(403);
        assertThat(http.send("MOVE", base, null, "Destination", base + "elsewhere/")
                        .status())
                .isEqualTo(403);
        assertThat(http.send("COPY", base + "a.txt", null, "Destination", base).status())
                .isEqualTo(403);
        assertThat(http.put(base, bytes("x")).status()).isEqualTo(405);
        assertThat(ownerList("docs")).containsExactly("a.txt", "c.txt", "sub");
    }

    @Test
    void aMoveThroughALinkCarriesTheLinksOfWhatItMoves() {
        String t = link("docs", "folder", true, true, null, null).path("token").asText();
        String inner = link("docs/sub/b.txt", "file", true, false, null, null)
                .path("token")
                .asText();
        String base = "/dav/s/" + t + "/";

        assertThat(http.send("MOVE", base + "sub/", null, "Destination", base + "moved/")
                        .status())
                .isEqualTo(201);

        assertThat(ownerList("docs")).containsExactly("a.txt", "moved");
        Http.Response followed = http.get("/api/s/" + inner + "/download");
        assertThat(followed.status()).as("%s", followed).isEqualTo(200);
        assertThat(followed.text()).isEqualTo("bee");
        Http.Response links = http.get("/api/shares?item_id=docs/moved/b.txt", bearer(alice));
        assertThat(links.json().path("items")).hasSize(1);
        // the owner's folder link is where it was
        assertThat(http.get(base + "moved/b.txt").text()).isEqualTo("bee");
    }

    @Test
    void nothingEscapesTheLink() {
        String t = link("docs", "folder", true, true, null, null).path("token").asText();
        String other =
                link("docs/sub", "folder", true, true, null, null).path("token").asText();
        String base = "/dav/s/" + t + "/";

        for (String escape : List.of(
                base + "..", base + "../", base + "%2e%2e/", base + "sub/..%2F..%2F", base + "..%2Fsecret.txt")) {
            Http.Response r = dav("PROPFIND", escape, DEPTH_1);
            assertThat(r.status()).as("%s: %s", escape, r).isEqualTo(400);
            assertThat(r.text()).doesNotContain("secret");
            assertThat(http.get(escape).text()).doesNotContain("not shared");
        }
        String host = http.base();
        for (String destination : List.of(
                base + "../secret2.txt",
                base + "%2e%2e/secret2.txt",
                "/dav/secret2.txt",
                host + "/dav/secret2.txt",
                "/dav/s/" + other + "/a.txt",
                "http://elsewhere.example" + base + "a2.txt")) {
            Http.Response r = http.send("COPY", base + "a.txt", null, "Destination", destination);
            assertThat(r.status()).as("%s: %s", destination, r).isEqualTo(502);
            assertThat(http.send("MOVE", base + "a.txt", null, "Destination", destination)
                            .status())
                    .isEqualTo(502);
        }
        assertThat(ownerList("")).containsExactly("docs", "secret.txt");
        assertThat(ownerList("docs")).containsExactly("a.txt", "sub");
        assertThat(ownerList("docs/sub")).containsExactly("b.txt");
    }

    @Test
    void unknownExpiredAndRevokedLinksAnswerTheSame404() throws Exception {
        String live =
                link("docs", "folder", true, false, null, null).path("token").asText();
        JsonNode expired = link("docs", "folder", true, false, null, null);
        JsonNode revoked = link("docs", "folder", true, false, null, null);
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:" + dir.resolve("data/db/sharebridge").toAbsolutePath() + ";AUTO_SERVER=TRUE",
                        "",
                        "");
                PreparedStatement s = c.prepareStatement("UPDATE shares SET expires_at = 1 WHERE id = ?")) {
            s.setString(1, expired.path("id").asText());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        assertThat(http.delete("/api/shares/" + revoked.path("id").asText(), bearer(alice))
                        .status())
                .isEqualTo(204);
        char last = live.charAt(live.length() - 1);
        String unknown = live.substring(0, live.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (String[] request : List.of(
                new String[] {"PROPFIND", "/"},
                new String[] {"GET", "/a.txt"},
                new String[] {"OPTIONS", "/"},
                new String[] {"PUT", "/x.txt"})) {
            Http.Response first = null;
            for (String token : List.of(
                    unknown,
                    expired.path("token").asText(),
                    revoked.path("token").asText())) {
                Http.Response r = http.send(
                        request[0],
                        "/dav/s/" + token + request[1],
                        request[0].equals("PUT") ? bytes("x") : null,
                        "Depth",
                        "0");
                assertThat(r.status()).as("%s %s", request[0], r).isEqualTo(404);
                if (first == null) {
                    first = r;
                } else {
                    assertThat(r.text()).isEqualTo(first.text());
                    assertThat(comparableHeaders(r)).isEqualTo(comparableHeaders(first));
                }
            }
        }
        assertThat(dav("PROPFIND", "/dav/s/" + live + "/", "0").status()).isEqualTo(207);
    }

    @Test
    void aPasswordLinkAsksForBasicAndWrongPasswordsShareTheVerifyBudget() {
        String t =
                link("docs", "folder", true, true, PASSWORD, null).path("token").asText();
        String base = "/dav/s/" + t + "/";

        Http.Response none = dav("PROPFIND", base, "0");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).hasValue("Basic realm=\"Sharebridge\"");
        assertThat(http.get(base + "a.txt").status()).isEqualTo(401);

        Http.Response wrong = dav("PROPFIND", base, "0", "Authorization", basic("anyone", "not the password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).hasValue("Basic realm=\"Sharebridge\"");
        assertThat(http.put(base + "x.txt", bytes("x"), "Authorization", basic("", "still not it"))
                        .status())
                .isEqualTo(401);
        // the REST verify draws from the same budget: this is the third and last failure
        assertThat(http.postJson("/api/s/" + t + "/verify", Map.of("password", "nor this"))
                        .status())
                .isEqualTo(401);
        Http.Response limited = dav("PROPFIND", base, "0", "Authorization", basic("x", "one more"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
        // the right password too, from this client, until the window has passed; on REST as well
        assertThat(dav("PROPFIND", base, "0", "Authorization", basic("x", PASSWORD))
                        .status())
                .isEqualTo(429);
        assertThat(http.postJson("/api/s/" + t + "/verify", Map.of("password", PASSWORD))
                        .status())
                .isEqualTo(429);
        assertThat(ownerList("docs")).containsExactly("a.txt", "sub");

        String t2 =
                link("docs", "folder", true, true, PASSWORD, null).path("token").asText();
        String base2 = "/dav/s/" + t2 + "/";
        for (int i = 0; i < 5; i++) {
            // the right password works for every request (verified once, remembered)
            assertThat(dav("PROPFIND", base2, DEPTH_1, "Authorization", basic("visitor" + i, PASSWORD))
                            .status())
                    .isEqualTo(207);
        }
        assertThat(http.put(base2 + "new.txt", bytes("new"), "Authorization", basic("v", PASSWORD))
                        .status())
                .isEqualTo(201);
        assertThat(http.get(base2 + "new.txt", "Authorization", basic("v", PASSWORD))
                        .text())
                .isEqualTo("new");
        assertThat(dav("PROPFIND", base2, "0").status()).isEqualTo(401);
    }

    @Test
    void aGetCountsOneAccessAndLookingCountsNone() {
        JsonNode share = link("docs/a.txt", "file", true, false, null, 2);
        String t = share.path("token").asText();
        String id = share.path("id").asText();
        String root = "/dav/s/" + t + "/";

        for (int i = 0; i < 3; i++) {
            Http.Response found = dav("PROPFIND", root, i == 0 ? DEPTH_1 : "0");
            assertThat(found.status()).isEqualTo(207);
            assertThat(found.text())
                    .contains("<D:displayname>a.txt</D:displayname>")
                    .contains("<D:getcontentlength>5</D:getcontentlength>")
                    .doesNotContain("<D:collection/>");
        }
        assertThat(http.head(root).status()).isEqualTo(200);
        assertThat(http.head("/dav/s/" + t).status()).isEqualTo(200);
        assertThat(http.send("OPTIONS", root, null).status()).isEqualTo(200);
        assertThat(dav("PROPFIND", root + "below", "0").status())
                .as("nothing is below a shared file")
                .isEqualTo(404);
        assertThat(accessCount(id)).isZero();

        Http.Response first = http.get(root);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text()).isEqualTo("hello");
        assertThat(accessCount(id)).isEqualTo(1);
        Http.Response ranged = http.get("/dav/s/" + t, "Range", "bytes=1-2");
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.text()).isEqualTo("el");
        assertThat(accessCount(id)).isEqualTo(2);

        // max_accesses = 2: used up, and then the link is not found on any method
        assertThat(http.get(root).status()).isEqualTo(404);
        assertThat(dav("PROPFIND", root, "0").status()).isEqualTo(404);
        assertThat(accessCount(id)).isEqualTo(2);
    }

    @Test
    void aFolderLinksDownloadsAreCountedToo() {
        JsonNode share = link("docs", "folder", true, false, null, null);
        String base = "/dav/s/" + share.path("token").asText() + "/";
        assertThat(dav("PROPFIND", base, DEPTH_1).text())
                .contains("<D:href>" + base + "a.txt</D:href>")
                .contains("<D:href>" + base + "sub/</D:href>");
        assertThat(http.get(base + "sub/b.txt").text()).isEqualTo("bee");
        assertThat(http.get(base + "sub/").status()).isEqualTo(405);
        assertThat(accessCount(share.path("id").asText())).isEqualTo(1);
    }

    // ---- helpers

    private JsonNode link(String item, String type, boolean read, boolean write, String password, Integer max) {
        Map<String, Object> body = new HashMap<>();
        body.put("item_id", item);
        body.put("item_type", type);
        body.put("permissions", Map.of("read", read, "write", write, "reshare", false));
        if (password != null) {
            body.put("password", password);
        }
        if (max != null) {
            body.put("max_accesses", max);
        }
        Http.Response created = http.postJson("/api/shares", body, bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    private long accessCount(String id) {
        Http.Response view = http.get("/api/shares/" + id, bearer(alice));
        assertThat(view.status()).isEqualTo(200);
        return view.json().path("access_count").asLong();
    }

    private List<String> ownerList(String folder) {
        Http.Response r = http.get(folder.isEmpty() ? "/api/folders" : "/api/folders/" + folder, bearer(alice));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode children = r.json().path("children");
        return java.util.stream.StreamSupport.stream(children.spliterator(), false)
                .map(c -> c.path("name").asText())
                .sorted()
                .toList();
    }

    private void put(String path, String content) {
        assertThat(http.put(path, bytes(content), bearer(alice)).status()).isEqualTo(201);
    }

    private Http.Response dav(String method, String path, String... depthAndHeaders) {
        if (method.equals("MKCOL")) {
            return http.send(method, path, null, depthAndHeaders);
        }
        String[] headers = new String[depthAndHeaders.length + 1];
        headers[0] = "Depth";
        System.arraycopy(depthAndHeaders, 0, headers, 1, depthAndHeaders.length);
        return http.send(method, path, null, headers);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] proppatch() {
        return bytes("<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"http://sharebridge.test/\">"
                + "<D:set><D:prop><Z:note>x</Z:note></D:prop></D:set></D:propertyupdate>");
    }

    private static byte[] lockinfo() {
        return bytes("<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                + "<D:locktype><D:write/></D:locktype></D:lockinfo>");
    }

    /**
     * Every header but those that differ between any two answers: the request id, the date, and
     * Jetty's {@code Connection: close} after a refused request whose body had not all arrived yet.
     */
    private static Map<String, List<String>> comparableHeaders(Http.Response r) {
        Map<String, List<String>> all = new TreeMap<>(r.headers().map());
        all.remove("x-request-id");
        all.remove("date");
        all.remove("connection");
        return all;
    }
}
