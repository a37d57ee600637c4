package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Share links (docs/reference.md §6) from the owner's API to the public routes, on the real server. */
class ShareLinksE2eTest {
    private static final String PASSWORD = "a long passphrase";
    private static final byte[] REPORT = "0123456789 quarterly report\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
        assertThat(http.put("/api/files/docs/report.txt", REPORT, bearer(alice)).status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPasswordProtectedLinkIsOpenedWithAGrantAndCountsEveryAccessExactly() {
        String expiry = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        JsonNode share = createShare(
                Map.of("item_id", "docs/report.txt", "password", PASSWORD, "expires_at", expiry, "max_accesses", 5));
        String token = share.path("token").asText();
        String id = share.path("id").asText();
        assertThat(share.path("has_password").asBoolean()).isTrue();
        assertThat(share.path("expires_at").asText()).isEqualTo(expiry);
        assertThat(share.path("max_accesses").asLong()).isEqualTo(5);
        assertThat(share.path("access_count").asLong()).isZero();
        assertThat(share.path("item_type").asText()).isEqualTo("file");
        assertThat(share.path("item_name").asText()).isEqualTo("report.txt");
        assertThat(share.path("permissions")).isEqualTo(permissions(true, false, false));
        assertThat(share.path("url").asText()).endsWith("/s/" + token);
        assertThat(share.toString()).doesNotContain(PASSWORD).doesNotContain("$2");

        Http.Response locked = http.get("/api/s/" + token);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.code()).isEqualTo("password_required");
        assertThat(http.get("/api/s/" + token + "/download").code()).isEqualTo("password_required");

        Http.Response wrong = http.postJson("/api/s/" + token + "/verify", Map.of("password", "not the passphrase"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_password");
        assertThat(wrong.header("Set-Cookie")).isEmpty();

        Http.Response verified = http.postJson("/api/s/" + token + "/verify", Map.of("password", PASSWORD));
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        String grant = verified.json().path("grant").asText();
        assertThat(grant).isNotBlank();
        assertThat(Instant.parse(verified.json().path("expires_at").asText())).isAfter(Instant.now());
        String setCookie = verified.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(cookie).endsWith("=" + grant);

        // counted: the two opens, the download and the range download
        Http.Response opened = http.get("/api/s/" + token, "Cookie", cookie);
        assertThat(opened.status()).as("%s", opened).isEqualTo(200);
        assertThat(opened.json().path("item_name").asText()).isEqualTo("report.txt");
        assertThat(opened.json().path("item_type").asText()).isEqualTo("file");
        assertThat(opened.json().path("size").asLong()).isEqualTo(REPORT.length);
        assertThat(opened.json().path("has_password").asBoolean()).isTrue();
        assertThat(opened.json().path("expires_at").asText()).isEqualTo(expiry);
        assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant).status()).isEqualTo(200);

        Http.Response download = http.get("/api/s/" + token + "/download", "X-Share-Grant", grant);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(REPORT);
        assertThat(download.header("Content-Disposition"))
                .hasValueSatisfying(
                        d -> assertThat(d).startsWith("attachment;").contains("filename*=UTF-8''report.txt"));
        assertThat(download.header("Cache-Control")).hasValue("private");
        String etag = download.header("ETag").orElseThrow();

        Http.Response range = http.get("/api/s/" + token + "/download", "X-Share-Grant", grant, "Range", "bytes=0-3");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.text()).isEqualTo("0123");

        // not counted: 304, HEAD, a refused open, a wrong password
        assertThat(http.get("/api/s/" + token + "/download", "X-Share-Grant", grant, "If-None-Match", etag)
                        .status())
                .isEqualTo(304);
        assertThat(http.head("/api/s/" + token + "/download", "X-Share-Grant", grant)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/s/" + token).status()).isEqualTo(401);
        assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant + "x").status())
                .isEqualTo(401);

        JsonNode counted = ownerView(id);
        assertThat(counted.path("access_count").asLong()).isEqualTo(4);
        assertThat(counted.path("last_accessed_at").isNull()).isFalse();

        assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant).status()).isEqualTo(200);
        assertThat(ownerView(id).path("access_count").asLong()).isEqualTo(5);

        // max_accesses reached: indistinguishable from a link that never existed
        Http.Response exhausted = http.get("/api/s/" + token, "X-Share-Grant", grant);
        Http.Response unknown = http.get("/api/s/" + otherTokenLike(token));
        Http.Response malformed = http.get("/api/s/nope");
        assertThat(exhausted.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(exhausted.code()).isEqualTo("not_found");
        assertThat(exhausted.text()).isEqualTo(unknown.text()).isEqualTo(malformed.text());
        assertThat(http.get("/api/s/" + token + "/download", "X-Share-Grant", grant)
                        .text())
                .isEqualTo(unknown.text());
        Http.Response verifyExhausted = http.postJson("/api/s/" + token + "/verify", Map.of("password", PASSWORD));
        assertThat(verifyExhausted.status()).isEqualTo(404);
        assertThat(verifyExhausted.text()).isEqualTo(unknown.text());
        assertThat(ownerView(id).path("access_count").asLong()).isEqualTo(5);
    }

    @Test
    void aLinkOfOneAccessIsOpenedAndDownloadedWithItsVisitAndNothingMore() {
        JsonNode share = createShare(Map.of("item_id", "docs", "max_accesses", 1));
        String token = share.path("token").asText();
        String id = share.path("id").asText();
        String api = "/api/s/" + token;

        Http.Response open = http.get(api);
        assertThat(open.status()).as("%s", open).isEqualTo(200);
        String visit = open.header("X-Share-Visit").orElseThrow();
        String cookie = open.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sb_visit="))
                .findFirst()
                .orElseThrow();
        // Max-Age counts from when the answer leaves, after the commit: 600 s or a second less
        assertThat(cookie)
                .startsWith("sb_visit=" + visit + "; Max-Age=")
                .containsPattern("; Max-Age=(600|599); Path=" + api + "; HttpOnly; SameSite=Lax$");
        assertThat(ownerView(id).path("access_count").asLong()).isEqualTo(1);

        // what the share page does: list, download twice (cookie), zip (header), reload
        assertThat(http.get(api + "/list", "Cookie", "sb_visit=" + visit).status())
                .isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            Http.Response download = http.get(api + "/download/report.txt", "Cookie", "sb_visit=" + visit);
            assertThat(download.status()).as("download %d", i + 1).isEqualTo(200);
            assertThat(download.body()).isEqualTo(REPORT);
        }
        assertThat(http.get(api + "/download/report.txt", "Range", "bytes=0-3", "X-Share-Visit", visit)
                        .status())
                .isEqualTo(206);
        assertThat(http.get(api + "/zip", "X-Share-Visit", visit).status()).isEqualTo(200);
        Http.Response reload = http.get(api, "Cookie", "sb_visit=" + visit);
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.header("X-Share-Visit")).hasValue(visit);
        assertThat(ownerView(id).path("access_count").asLong()).isEqualTo(1);

        // without the visit (curl, a download link passed on) the one access is used up
        assertThat(http.get(api + "/download/report.txt").status()).isEqualTo(404);
        assertThat(http.get(api).status()).isEqualTo(404);
        assertThat(http.get(api + "/download/report.txt", "X-Share-Visit", visit + "x")
                        .status())
                .isEqualTo(404);
        assertThat(ownerView(id).path("access_count").asLong()).isEqualTo(1);

        // revoking the link ends the visit at once
        assertThat(http.delete("/api/shares/" + id, bearer(alice)).status()).isEqualTo(204);
        assertThat(http.get(api + "/download/report.txt", "X-Share-Visit", visit)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aVisitOfOneLinkCountsAsNoneOnAnother() {
        String a =
                createShare(Map.of("item_id", "docs/report.txt")).path("token").asText();
        JsonNode other = createShare(Map.of("item_id", "docs/report.txt", "max_accesses", 3));
        String visitOfA = http.get("/api/s/" + a).header("X-Share-Visit").orElseThrow();

        assertThat(http.get("/api/s/" + other.path("token").asText() + "/download", "X-Share-Visit", visitOfA)
                        .status())
                .isEqualTo(200);
        assertThat(ownerView(other.path("id").asText()).path("access_count").asLong())
                .isEqualTo(1);
    }

    @Test
    void publicResponsesCarryTheLeakagePreventionHeaders() {
        String token = createShare(Map.of("item_id", "docs/report.txt", "password", PASSWORD))
                .path("token")
                .asText();
        String open =
                createShare(Map.of("item_id", "docs/report.txt")).path("token").asText();

        for (Http.Response response : List.of(
                http.get("/api/s/" + token),
                http.get("/api/s/" + open),
                http.get("/api/s/" + otherTokenLike(token)),
                http.postJson("/api/s/" + token + "/verify", Map.of("password", "not the passphrase")))) {
            assertThat(response.header("Referrer-Policy")).as("%s", response).hasValue("no-referrer");
            assertThat(response.header("Cache-Control")).as("%s", response).hasValue("no-store");
            assertThat(response.header("X-Content-Type-Options"))
                    .as("%s", response)
                    .hasValue("nosniff");
            assertThat(response.header("X-Robots-Tag")).as("%s", response).hasValue("noindex, nofollow");
        }
        Http.Response download = http.get("/api/s/" + open + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Cache-Control")).hasValue("private");
        assertThat(download.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(download.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.header("X-Robots-Tag")).hasValue("noindex, nofollow");
    }

    @Test
    void aFolderShareListsZipsAndTakesUploadsWithWritePermission() throws IOException {
        byte[] b = "bee".getBytes(StandardCharsets.UTF_8);
        assertThat(http.put("/api/files/docs/sub/b.txt", b, bearer(alice)).status())
                .isEqualTo(201);
        JsonNode share = createShare(
                Map.of("item_id", "docs", "item_type", "folder", "permissions", Map.of("read", true, "write", true)));
        String token = share.path("token").asText();
        assertThat(share.path("item_type").asText()).isEqualTo("folder");

        Http.Response opened = http.get("/api/s/" + token);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().path("item_type").asText()).isEqualTo("folder");
        Http.Response list = http.get("/api/s/" + token + "/list");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(FilesE2eTest.children(list.json())).containsExactlyInAnyOrder("report.txt:file", "sub:folder");
        Http.Response sub = http.get("/api/s/" + token + "/list/sub");
        assertThat(sub.status()).isEqualTo(200);
        assertThat(FilesE2eTest.children(sub.json())).containsExactly("b.txt:file");
        assertThat(http.get("/api/s/" + token + "/download/sub/b.txt").body()).isEqualTo(b);
        assertThat(http.get("/api/s/" + token + "/list/..").status()).isEqualTo(400);
        assertThat(http.get("/api/s/" + token + "/download/%2e%2e/docs/report.txt")
                        .status())
                .isEqualTo(400);

        Http.Response zip = http.get("/api/s/" + token + "/zip");
        assertThat(zip.status()).as("%s", zip).isEqualTo(200);
        assertThat(zip.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
        assertThat(zip.header("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        Map<String, byte[]> entries = unzip(zip.body());
        assertThat(entries.keySet())
                .anySatisfy(n -> assertThat(n).endsWith("report.txt"))
                .anySatisfy(n -> assertThat(n).endsWith("sub/b.txt"));
        entries.forEach((name, content) -> {
            assertThat(name).doesNotStartWith("/").doesNotContain("..");
            if (name.endsWith("report.txt")) {
                assertThat(content).isEqualTo(REPORT);
            } else if (name.endsWith("sub/b.txt")) {
                assertThat(content).isEqualTo(b);
            }
        });

        byte[] upload = "from a visitor".getBytes(StandardCharsets.UTF_8);
        Http.Response uploaded = http.put("/api/s/" + token + "/upload/inbox/new.txt", upload);
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        assertThat(http.put("/api/s/" + token + "/upload/inbox/new.txt", upload).status())
                .isEqualTo(200);
        assertThat(http.get("/api/files/docs/inbox/new.txt", bearer(alice)).body())
                .isEqualTo(upload);
        assertThat(http.put("/api/s/" + token + "/upload/../escape.txt", upload).status())
                .isEqualTo(400);
        assertThat(http.get("/api/files/escape.txt", bearer(alice)).status()).isEqualTo(404);

        Http.Response folder = http.postJson("/api/s/" + token + "/folders/inbox/later", Map.of());
        assertThat(folder.status()).as("%s", folder).isEqualTo(201);
        assertThat(http.get("/api/folders/docs/inbox/later", bearer(alice)).status())
                .isEqualTo(200);
        assertThat(http.delete("/api/s/" + token + "/items/sub/b.txt").status()).isEqualTo(204);
        assertThat(http.get("/api/files/docs/sub/b.txt", bearer(alice)).status())
                .isEqualTo(404);
        Http.Response root = http.delete("/api/s/" + token + "/items/");
        assertThat(root.status()).as("%s", root).isBetween(400, 499);
        assertThat(http.get("/api/folders/docs", bearer(alice)).status()).isEqualTo(200);

        // counted: the open, the download and the zip; listing, uploading and deleting are not accesses
        assertThat(ownerView(share.path("id").asText()).path("access_count").asLong())
                .isEqualTo(3);
    }

    @Test
    void aFileDropTakesNewFilesButShowsNothing() {
        assertThat(http.postJson("/api/folders/drop", Map.of(), bearer(alice)).status())
                .isEqualTo(201);
        assertThat(http.put("/api/files/drop/secret.txt", REPORT, bearer(alice)).status())
                .isEqualTo(201);
        String token = createShare(Map.of("item_id", "drop", "permissions", Map.of("read", false, "write", true)))
                .path("token")
                .asText();

        assertThat(http.get("/api/s/" + token).status()).isEqualTo(200);
        byte[] dropped = "for alice".getBytes(StandardCharsets.UTF_8);
        Http.Response uploaded = http.put("/api/s/" + token + "/upload/dropped.txt", dropped);
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        assertThat(http.get("/api/files/drop/dropped.txt", bearer(alice)).body())
                .isEqualTo(dropped);

        for (Http.Response refused : List.of(
                http.get("/api/s/" + token + "/list"),
                http.get("/api/s/" + token + "/download/secret.txt"),
                http.get("/api/s/" + token + "/zip"),
                http.put("/api/s/" + token + "/upload/secret.txt", dropped),
                http.put("/api/s/" + token + "/upload/dropped.txt", dropped),
                http.delete("/api/s/" + token + "/items/secret.txt"))) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("forbidden");
        }
        assertThat(http.get("/api/files/drop/secret.txt", bearer(alice)).body()).isEqualTo(REPORT);
        assertThat(http.get("/api/files/drop/dropped.txt", bearer(alice)).body())
                .isEqualTo(dropped);
    }

    @Test
    void aReshareMakesADerivedLinkThatDiesWithItsParent() {
        JsonNode parent =
                createShare(Map.of("item_id", "docs/report.txt", "permissions", Map.of("read", true, "reshare", true)));
        String parentToken = parent.path("token").asText();
        String plain =
                createShare(Map.of("item_id", "docs/report.txt")).path("token").asText();

        Http.Response refused = http.postJson("/api/s/" + plain + "/shares", Map.of());
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("forbidden");

        Http.Response reshared = http.postJson("/api/s/" + parentToken + "/shares", Map.of("label", "for carol"));
        assertThat(reshared.status()).as("%s", reshared).isEqualTo(201);
        String child = reshared.json().path("token").asText();
        assertThat(child).isNotBlank().isNotEqualTo(parentToken);
        assertThat(reshared.json().path("url").asText()).endsWith("/s/" + child);
        assertThat(reshared.json().path("permissions").path("write").asBoolean())
                .isFalse();
        Http.Response childOpened = http.get("/api/s/" + child);
        assertThat(childOpened.status()).isEqualTo(200);
        assertThat(childOpened.json().path("label").asText()).isEqualTo("for carol");
        assertThat(http.get("/api/s/" + child + "/download").body()).isEqualTo(REPORT);

        Http.Response wider = http.postJson(
                "/api/s/" + parentToken + "/shares", Map.of("permissions", Map.of("read", true, "write", true)));
        assertThat(wider.status()).as("%s", wider).isIn(400, 403);

        assertThat(http.delete("/api/shares/" + parent.path("id").asText(), bearer(alice))
                        .status())
                .isEqualTo(204);
        Http.Response dead = http.get("/api/s/" + child);
        assertThat(dead.status()).isEqualTo(404);
        assertThat(dead.text())
                .isEqualTo(http.get("/api/s/" + otherTokenLike(child)).text());
        assertThat(http.get("/api/s/" + parentToken).status()).isEqualTo(404);
        assertThat(http.get("/api/s/" + plain).status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordEndsTheGrantsOfTheOldOne() {
        JsonNode share = createShare(Map.of("item_id", "docs/report.txt", "password", PASSWORD));
        String token = share.path("token").asText();
        String id = share.path("id").asText();
        String grant = verify(token, PASSWORD);
        assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant).status()).isEqualTo(200);

        String other = createShare(Map.of("item_id", "docs/report.txt", "password", PASSWORD))
                .path("token")
                .asText();
        assertThat(http.get("/api/s/" + other, "X-Share-Grant", grant).status())
                .as("a grant opens only its own share")
                .isEqualTo(401);

        Http.Response changed =
                http.putJson("/api/shares/" + id, Map.of("password", "another long passphrase"), bearer(alice));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().path("has_password").asBoolean()).isTrue();
        Http.Response stale = http.get("/api/s/" + token, "X-Share-Grant", grant);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.code()).isEqualTo("password_required");
        assertThat(http.postJson("/api/s/" + token + "/verify", Map.of("password", PASSWORD))
                        .code())
                .isEqualTo("invalid_password");
        String fresh = verify(token, "another long passphrase");
        assertThat(http.get("/api/s/" + token, "X-Share-Grant", fresh).status()).isEqualTo(200);

        Map<String, Object> clear = new HashMap<>();
        clear.put("password", null);
        Http.Response cleared = http.putJson("/api/shares/" + id, clear, bearer(alice));
        assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
        assertThat(cleared.json().path("has_password").asBoolean()).isFalse();
        assertThat(http.get("/api/s/" + token).status()).isEqualTo(200);
    }

    /**
     * The embedded default keeps a link's row and its file's metadata for 100 ms ([cache]), so a
     * link opened by many is read once per that time: every change made through the server must
     * still show on the very next open.
     */
    @Test
    void aLinkOpenedAMomentAgoShowsEveryChangeMadeThroughTheServerAtOnce() {
        JsonNode share = createShare(Map.of("item_id", "docs/report.txt"));
        String link = "/api/s/" + share.path("token").asText();
        assertThat(http.get(link).json().path("size").asLong()).isEqualTo(REPORT.length);

        byte[] longer = "a longer second version of the report\n".getBytes(StandardCharsets.UTF_8);
        assertThat(http.put("/api/files/docs/report.txt", longer, bearer(alice)).status())
                .isEqualTo(200);
        assertThat(http.get(link).json().path("size").asLong()).isEqualTo(longer.length);

        assertThat(http.putJson("/api/shares/" + share.path("id").asText(), Map.of("label", "v2"), bearer(alice))
                        .status())
                .isEqualTo(200);
        assertThat(http.get(link).json().path("label").asText()).isEqualTo("v2");

        assertThat(http.delete("/api/shares/" + share.path("id").asText(), bearer(alice))
                        .status())
                .isEqualTo(204);
        assertThat(http.get(link).status()).isEqualTo(404);
    }

    @Test
    void deletingTheItemDeletesItsShares() {
        assertThat(http.put("/api/files/docs/other.txt", REPORT, bearer(alice)).status())
                .isEqualTo(201);
        JsonNode onFile = createShare(Map.of("item_id", "docs/report.txt"));
        JsonNode onFolder = createShare(Map.of("item_id", "docs"));
        JsonNode kept = createShare(Map.of("item_id", "docs/other.txt"));
        assertThat(http.get("/api/shares?item_id=docs/report.txt", bearer(alice))
                        .json()
                        .path("items"))
                .hasSize(1);

        assertThat(http.delete("/api/files/docs/report.txt", bearer(alice)).status())
                .isEqualTo(204);
        assertThat(http.get("/api/shares/" + onFile.path("id").asText(), bearer(alice))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/s/" + onFile.path("token").asText()).status()).isEqualTo(404);
        assertThat(http.get("/api/shares/" + kept.path("id").asText(), bearer(alice))
                        .status())
                .isEqualTo(200);

        assertThat(http.delete("/api/files/docs", bearer(alice)).status()).isEqualTo(204);
        assertThat(http.get("/api/shares/" + onFolder.path("id").asText(), bearer(alice))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/shares/" + kept.path("id").asText(), bearer(alice))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/s/" + kept.path("token").asText()).status()).isEqualTo(404);
        Http.Response page = http.get("/api/shares", bearer(alice));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("items")).isEmpty();
        assertThat(page.json().path("next_cursor").isNull()).isTrue();
    }

    @Test
    void anotherUsersSharesAreNotFound() {
        String bob = server.addUser("bob");
        JsonNode share = createShare(Map.of("item_id", "docs/report.txt"));
        String id = share.path("id").asText();

        assertThat(http.get("/api/shares/" + id, bearer(bob)).status()).isEqualTo(404);
        assertThat(http.putJson("/api/shares/" + id, Map.of("label", "mine"), bearer(bob))
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/shares/" + id, bearer(bob)).status()).isEqualTo(404);
        assertThat(http.get("/api/shares", bearer(bob)).json().path("items")).isEmpty();
        assertThat(http.get("/api/s/" + share.path("token").asText()).status()).isEqualTo(200);
    }

    @Test
    void headRunsEveryCheckOfGetAndNeverCounts() {
        JsonNode share = createShare(Map.of("item_id", "docs", "max_accesses", 2));
        String token = share.path("token").asText();
        String locked = createShare(Map.of("item_id", "docs", "password", PASSWORD))
                .path("token")
                .asText();

        for (String route : List.of("", "/list", "/zip", "/download/report.txt")) {
            Http.Response head = http.head("/api/s/" + token + route);
            assertThat(head.status()).as(route).isEqualTo(200);
            assertThat(head.body()).as(route).isEmpty();
            assertThat(http.head("/api/s/" + locked + route).status()).as(route).isEqualTo(401);
            assertThat(http.head("/api/s/" + otherTokenLike(token) + route).status())
                    .as(route)
                    .isEqualTo(404);
        }
        assertThat(http.head("/api/shares").status()).isEqualTo(401);
        assertThat(http.head("/api/shares", bearer(alice)).status()).isEqualTo(200);
        assertThat(ownerView(share.path("id").asText()).path("access_count").asLong())
                .as("HEAD is safe")
                .isZero();

        assertThat(http.get("/api/s/" + token).status()).isEqualTo(200);
        assertThat(http.get("/api/s/" + token + "/zip").status()).isEqualTo(200);
        // used up: HEAD finds it gone, exactly as GET does
        assertThat(http.head("/api/s/" + token).status()).isEqualTo(404);
        assertThat(http.head("/api/s/" + token + "/download/report.txt").status())
                .isEqualTo(404);
        assertThat(ownerView(share.path("id").asText()).path("access_count").asLong())
                .isEqualTo(2);
    }

    @Test
    void concurrentOpensNeverExceedMaxAccesses() throws Exception {
        JsonNode share = createShare(Map.of("item_id", "docs/report.txt", "max_accesses", 25));
        String token = share.path("token").asText();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest open = HttpRequest.newBuilder(URI.create(http.base() + "/api/s/" + token))
                .timeout(Duration.ofSeconds(60))
                .build();

        List<CompletableFuture<HttpResponse<Void>>> opens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            opens.add(client.sendAsync(open, HttpResponse.BodyHandlers.discarding()));
        }
        Map<Integer, Long> statuses = opens.stream()
                .map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

        assertThat(statuses).isEqualTo(Map.of(200, 25L, 404, 15L));
        assertThat(ownerView(share.path("id").asText()).path("access_count").asLong())
                .isEqualTo(25);
    }

    @Test
    void guessingPasswordsIsRateLimited() {
        String token = createShare(Map.of("item_id", "docs/report.txt", "password", PASSWORD))
                .path("token")
                .asText();

        long lastWrong = 0;
        for (int i = 0; i < 10; i++) {
            long sent = System.nanoTime();
            Http.Response wrong = http.postJson("/api/s/" + token + "/verify", Map.of("password", "guess " + i));
            lastWrong = System.nanoTime() - sent;
            assertThat(wrong.status()).as("guess %d: %s", i, wrong).isEqualTo(401);
        }
        long sent = System.nanoTime();
        Http.Response limited = http.postJson("/api/s/" + token + "/verify", Map.of("password", "guess 10"));
        long limitedTook = System.nanoTime() - sent;

        // the answers were held back, growing to the longest delay (they cannot come early)
        assertThat(lastWrong).isGreaterThanOrEqualTo(E2eServer.MAX_ANSWER_DELAY.toNanos());
        assertThat(limitedTook).isGreaterThanOrEqualTo(E2eServer.MAX_ANSWER_DELAY.toNanos());
        assertThat(limited.status()).as("%s", limited).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After"))
                .hasValueSatisfying(r -> assertThat(Long.parseLong(r)).isPositive());
    }

    @Test
    void guessingTokensIsRateLimited() {
        String token =
                createShare(Map.of("item_id", "docs/report.txt")).path("token").asText();
        Http.Response first = http.get("/api/s/" + otherTokenLike(token));
        assertThat(first.status()).isEqualTo(404);

        Http.Response last = first;
        for (int i = 0; i < 40 && last.status() == 404; i++) {
            last = http.get("/api/s/guess" + i);
        }

        assertThat(last.status()).as("%s", last).isEqualTo(429);
        assertThat(last.code()).isEqualTo("rate_limited");
        assertThat(last.header("Retry-After")).isPresent();
    }

    @Test
    void badRequestBodiesAre400Problems() {
        for (Http.Response response : List.of(
                http.send(
                        "POST",
                        "/api/shares",
                        "{not json".getBytes(StandardCharsets.UTF_8),
                        "Content-Type",
                        "application/json",
                        "Authorization",
                        "Bearer " + alice),
                http.postJson("/api/shares", List.of("an", "array"), bearer(alice)),
                http.postJson(
                        "/api/shares", Map.of("item_id", "docs/report.txt", "expires_at", "tomorrow"), bearer(alice)),
                http.postJson(
                        "/api/shares",
                        Map.of("item_id", "docs/report.txt", "expires_at", "2001-01-01T00:00:00Z"),
                        bearer(alice)),
                http.postJson("/api/shares", Map.of("item_id", "docs/report.txt", "password", "short"), bearer(alice)),
                http.postJson(
                        "/api/shares", Map.of("item_id", "docs/report.txt", "item_type", "folder"), bearer(alice)),
                http.postJson(
                        "/api/shares",
                        Map.of("item_id", "docs/report.txt", "permissions", Map.of("read", false)),
                        bearer(alice)),
                http.postJson("/api/shares", Map.of("item_id", "../etc/passwd"), bearer(alice)),
                http.postJson("/api/shares", Map.of("item_id", "docs/report.txt", "max_accesses", 0), bearer(alice)),
                http.postJson(
                        "/api/shares", Map.of("item_id", "docs/report.txt", "x".repeat(70_000), 1), bearer(alice)))) {
            assertThat(response.status()).as("%s", response).isIn(400, 413);
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(http.get("/api/shares", bearer(alice)).json().path("items")).isEmpty();
    }

    @Test
    void withPortZeroTheLinksNameTheBoundPort() {
        JsonNode share = createShare(Map.of("item_id", "docs/report.txt"));

        assertThat(share.path("url").asText())
                .isEqualTo(http.base() + "/s/" + share.path("token").asText());
    }

    private JsonNode createShare(Map<String, Object> body) {
        // the trailing slash is part of the contract: POST /api/shares/ is POST /api/shares
        Http.Response created = http.postJson("/api/shares/", body, bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    private JsonNode ownerView(String id) {
        Http.Response view = http.get("/api/shares/" + id, bearer(alice));
        assertThat(view.status()).as("%s", view).isEqualTo(200);
        return view.json();
    }

    private String verify(String token, String password) {
        Http.Response verified = http.postJson("/api/s/" + token + "/verify", Map.of("password", password));
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        return verified.json().path("grant").asText();
    }

    private static JsonNode permissions(boolean read, boolean write, boolean reshare) {
        return Http.JSON
                .createObjectNode()
                .put("read", read)
                .put("write", write)
                .put("reshare", reshare);
    }

    /** A token of the same shape that no share has: the real one with its last character changed. */
    private static String otherTokenLike(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
