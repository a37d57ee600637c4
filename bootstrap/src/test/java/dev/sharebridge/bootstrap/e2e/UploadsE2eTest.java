package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumable uploads over tus (docs/uploads.md) on the real server: owner, links, restart, sweep. */
class UploadsE2eTest {
    private static final String TUS = "Tus-Resumable";
    private static final String V = "1.0.0";
    private static final String CHUNK_TYPE = "application/offset+octet-stream";

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir, "\n[uploads]\nmax_size_mib = 8\n");
        http = server.http();
        alice = server.addUser("alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] with(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private String[] owner(String... more) {
        return with(bearer(alice), with(new String[] {TUS, V}, more));
    }

    private Http.Response create(String base, long length, String metadata, String... auth) {
        return http.send(
                "POST",
                base,
                null,
                with(auth, TUS, V, "Upload-Length", Long.toString(length), "Upload-Metadata", metadata));
    }

    private Http.Response patch(String location, long offset, byte[] body, String... auth) {
        return http.send(
                "PATCH",
                location,
                body,
                with(auth, TUS, V, "Content-Type", CHUNK_TYPE, "Upload-Offset", Long.toString(offset)));
    }

    private String meta(String folder, String name) {
        return "filename " + b64(name) + (folder == null ? "" : ",path " + b64(folder));
    }

    private List<String> partialFiles() throws IOException {
        Path uploads = dir.resolve("data").resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(uploads)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private List<String> children(String folder) {
        Http.Response listing = http.get("/api/folders/" + folder, bearer(alice));
        assertThat(listing.status()).as("%s", listing).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode c : listing.json().path("children")) {
            names.add(c.path("name").asText());
        }
        return names;
    }

    @Test
    void optionsAdvertiseTheProtocol() {
        Http.Response options = http.send("OPTIONS", "/api/uploads", null);
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Tus-Version")).hasValue(V);
        assertThat(options.header("Tus-Resumable")).hasValue(V);
        assertThat(options.header("Tus-Extension").orElseThrow())
                .contains("creation", "creation-with-upload", "termination", "expiration", "checksum");
        assertThat(options.header("Tus-Max-Size")).hasValue(Long.toString(8L << 20));
        assertThat(options.header("Tus-Checksum-Algorithm")).hasValue("sha1");
    }

    @Test
    void createPatchHeadCompleteAndThePartialIsNeverListed() throws Exception {
        http.send("POST", "/api/folders/docs", null, bearer(alice));
        byte[] content = bytes(300_000, 1);
        Http.Response created = create("/api/uploads", content.length, meta("docs", "big.bin"), bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header(TUS)).hasValue(V);
        assertThat(created.header("Upload-Expires")).isPresent();
        String location = created.header("Location").orElseThrow();
        assertThat(location).matches("/api/uploads/[A-Za-z0-9_-]{32}");

        Http.Response first = patch(location, 0, Arrays.copyOfRange(content, 0, 100_000), bearer(alice));
        assertThat(first.status()).as("%s", first).isEqualTo(204);
        assertThat(first.header("Upload-Offset")).hasValue("100000");

        Http.Response head = http.head(location, owner());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Upload-Offset")).hasValue("100000");
        assertThat(head.header("Upload-Length")).hasValue("300000");
        assertThat(head.header("Cache-Control")).hasValue("no-store");
        assertThat(head.header("Upload-Metadata")).hasValue(meta("docs", "big.bin"));
        // the partial is nowhere in the space, under no name
        assertThat(children("docs")).isEmpty();
        assertThat(http.get("/api/files/docs/big.bin", bearer(alice)).status()).isEqualTo(404);

        Http.Response stale = patch(location, 0, Arrays.copyOfRange(content, 0, 10), bearer(alice));
        assertThat(stale.status()).isEqualTo(409);
        Http.Response wrongType = http.send(
                "PATCH",
                location,
                new byte[1],
                owner("Content-Type", "application/octet-stream", "Upload-Offset", "100000"));
        assertThat(wrongType.status()).isEqualTo(415);
        Http.Response noVersion = http.send(
                "PATCH",
                location,
                new byte[1],
                with(bearer(alice), "Content-Type", CHUNK_TYPE, "Upload-Offset", "100000"));
        assertThat(noVersion.status()).isEqualTo(412);
        assertThat(noVersion.header("Tus-Version")).hasValue(V);
        assertThat(http.head(location, owner()).header("Upload-Offset")).hasValue("100000");

        Http.Response last =
                patch(location, 100_000, Arrays.copyOfRange(content, 100_000, content.length), bearer(alice));
        assertThat(last.status()).as("%s", last).isEqualTo(204);
        assertThat(last.header("Upload-Offset")).hasValue("300000");
        Http.Response file = http.get("/api/files/docs/big.bin", bearer(alice));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(content);
        assertThat(children("docs")).containsExactly("big.bin");
        assertThat(http.head(location, owner()).status()).isEqualTo(404);
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void anotherUsersUploadIsNotFoundAndDeleteEndsAnUpload() throws Exception {
        String bob = server.addUser("bob");
        String location = create("/api/uploads", 10, meta(null, "a.txt"), bearer(alice))
                .header("Location")
                .orElseThrow();
        assertThat(http.head(location, with(bearer(bob), TUS, V)).status()).isEqualTo(404);
        assertThat(patch(location, 0, new byte[10], bearer(bob)).status()).isEqualTo(404);
        assertThat(partialFiles()).hasSize(1);

        Http.Response deleted = http.send("DELETE", location, null, owner());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(http.head(location, owner()).status()).isEqualTo(404);
        assertThat(patch(location, 0, new byte[10], bearer(alice)).status()).isEqualTo(404);
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void creationWithUploadAndChecksums() throws Exception {
        byte[] content = bytes(5000, 2);
        Http.Response created = http.send(
                "POST",
                "/api/uploads",
                Arrays.copyOfRange(content, 0, 2000),
                owner("Upload-Length", "5000", "Upload-Metadata", meta(null, "c.bin"), "Content-Type", CHUNK_TYPE));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Upload-Offset")).hasValue("2000");
        String location = created.header("Location").orElseThrow();

        byte[] rest = Arrays.copyOfRange(content, 2000, 5000);
        String wrong = "sha1 "
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-1").digest(new byte[3]));
        Http.Response mismatch = http.send(
                "PATCH",
                location,
                rest,
                owner("Content-Type", CHUNK_TYPE, "Upload-Offset", "2000", "Upload-Checksum", wrong));
        assertThat(mismatch.status()).isEqualTo(460);
        assertThat(http.head(location, owner()).header("Upload-Offset")).hasValue("2000");
        Http.Response md5 = http.send(
                "PATCH",
                location,
                rest,
                owner("Content-Type", CHUNK_TYPE, "Upload-Offset", "2000", "Upload-Checksum", "md5 AAAA"));
        assertThat(md5.status()).isEqualTo(400);

        String right = "sha1 "
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-1").digest(rest));
        Http.Response ok = http.send(
                "PATCH",
                location,
                rest,
                owner("Content-Type", CHUNK_TYPE, "Upload-Offset", "2000", "Upload-Checksum", right));
        assertThat(ok.status()).as("%s", ok).isEqualTo(204);
        assertThat(http.get("/api/files/c.bin", bearer(alice)).body()).isEqualTo(content);
    }

    @Test
    void sizeAndTargetAreDecidedAtCreation() {
        assertThat(create("/api/uploads", 9L << 20, meta(null, "huge.bin"), bearer(alice))
                        .status())
                .isEqualTo(413);
        assertThat(create("/api/uploads", 10, meta("..", "x"), bearer(alice)).status())
                .isEqualTo(400);
        assertThat(create("/api/uploads", 10, "filename " + b64("a/../../b"), bearer(alice))
                        .status())
                .isEqualTo(400);
        assertThat(create("/api/uploads", 10, "", bearer(alice)).status()).isEqualTo(400);
        http.send("POST", "/api/folders/taken", null, bearer(alice));
        assertThat(create("/api/uploads", 10, meta(null, "taken"), bearer(alice))
                        .status())
                .isEqualTo(409);
        assertThat(create("/api/uploads", 10, meta(null, "x"), TUS, V).status()).isEqualTo(401);
        Http.Response empty = create("/api/uploads", 0, meta("new/folder", "empty.txt"), bearer(alice));
        assertThat(empty.status()).as("%s", empty).isEqualTo(201);
        assertThat(empty.header("Upload-Offset")).hasValue("0");
        assertThat(http.get("/api/files/new/folder/empty.txt", bearer(alice)).status())
                .isEqualTo(200);
    }

    @Test
    void anInterruptedPatchKeepsWhatArrived() throws Exception {
        String location = create("/api/uploads", 1000, meta(null, "cut.bin"), bearer(alice))
                .header("Location")
                .orElseThrow();
        URI base = URI.create(http.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice
                            + "\r\nTus-Resumable: 1.0.0\r\nContent-Type: " + CHUNK_TYPE
                            + "\r\nUpload-Offset: 0\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[400]);
            out.flush();
            socket.shutdownOutput(); // the body ends early: the server reads an EOF
            InputStream in = socket.getInputStream();
            in.readAllBytes();
        }
        // the server answered (or closed) after it handled the broken body: its offset is durable
        assertThat(http.head(location, owner()).header("Upload-Offset")).hasValue("400");
        Http.Response rest = patch(location, 400, new byte[600], bearer(alice));
        assertThat(rest.status()).as("%s", rest).isEqualTo(204);
        assertThat(http.get("/api/files/cut.bin", bearer(alice)).body()).hasSize(1000);
    }

    @Test
    void anUploadResumesAfterARestartFromItsOffset() throws Exception {
        byte[] content = bytes(200_000, 3);
        String location = create("/api/uploads", content.length, meta(null, "r.bin"), bearer(alice))
                .header("Location")
                .orElseThrow();
        assertThat(patch(location, 0, Arrays.copyOfRange(content, 0, 70_000), bearer(alice))
                        .status())
                .isEqualTo(204);
        server.close();

        server = E2eServer.startWith(server.configFile());
        http = server.http();
        Http.Response head = http.head(location, owner());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Upload-Offset")).hasValue("70000");
        Http.Response rest =
                patch(location, 70_000, Arrays.copyOfRange(content, 70_000, content.length), bearer(alice));
        assertThat(rest.status()).as("%s", rest).isEqualTo(204);
        assertThat(http.get("/api/files/r.bin", bearer(alice)).body()).isEqualTo(content);
    }

    @Test
    void theSweepRemovesExpiredUploadsRowsAndBytes() throws Exception {
        String location = create("/api/uploads", 100, meta(null, "old.bin"), bearer(alice))
                .header("Location")
                .orElseThrow();
        assertThat(patch(location, 0, new byte[50], bearer(alice)).status()).isEqualTo(204);
        String fresh = create("/api/uploads", 100, meta(null, "new.bin"), bearer(alice))
                .header("Location")
                .orElseThrow();
        assertThat(partialFiles()).hasSize(2);

        // nothing has expired yet
        assertThat(server.sharebridge().sweepUploads(Instant.now())).isZero();
        assertThat(server.sharebridge().sweepUploads(Instant.now().plus(Duration.ofHours(25))))
                .isEqualTo(2);
        assertThat(http.head(location, owner()).status()).isEqualTo(404);
        assertThat(http.head(fresh, owner()).status()).isEqualTo(404);
        assertThat(partialFiles()).isEmpty();

        // bytes whose row is gone (a crash between the two deletions) go too
        Files.write(dir.resolve("data/uploads/" + "A".repeat(32) + ".part"), new byte[3]);
        assertThat(server.sharebridge().sweepUploads(Instant.now())).isEqualTo(1);
        assertThat(partialFiles()).isEmpty();
    }

    private String link(Map<String, Object> permissions) {
        http.send("POST", "/api/folders/inbox", null, bearer(alice));
        Http.Response link =
                http.postJson("/api/shares", Map.of("item_id", "inbox", "permissions", permissions), bearer(alice));
        assertThat(link.status()).as("%s", link).isEqualTo(201);
        return link.json().path("token").asText();
    }

    @Test
    void aReadOnlyLinkCannotUpload() {
        String token = link(Map.of("read", true, "write", false));
        Http.Response refused = create("/api/s/" + token + "/uploads", 10, meta(null, "x.txt"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(create("/api/s/not-a-token/uploads", 10, meta(null, "x.txt")).status())
                .isEqualTo(404);
    }

    @Test
    void aFileDropTakesNewFilesThroughTusAndARevokedLinkStopsItsUploads() {
        String token = link(Map.of("read", false, "write", true));
        String base = "/api/s/" + token + "/uploads";
        Http.Response created = create(base, 6, meta("sub", "drop.txt"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String location = created.header("Location").orElseThrow();
        assertThat(location).startsWith(base + "/");
        assertThat(http.head(location, TUS, V).header("Upload-Offset")).hasValue("0");
        // not through the owner's routes, nor another link
        assertThat(http.head("/api/uploads/" + location.substring(location.lastIndexOf('/') + 1), owner())
                        .status())
                .isEqualTo(404);
        assertThat(patch(location, 0, "hello!".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(204);
        assertThat(http.get("/api/files/inbox/sub/drop.txt", bearer(alice)).text())
                .isEqualTo("hello!");
        // a drop adds new files only
        assertThat(create(base, 6, meta("sub", "drop.txt")).status()).isEqualTo(403);

        String second =
                create(base, 6, meta(null, "later.txt")).header("Location").orElseThrow();
        assertThat(patch(second, 0, "hel".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(204);
        String id = http.get("/api/shares", bearer(alice))
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asText();
        assertThat(http.delete("/api/shares/" + id, bearer(alice)).status()).isEqualTo(204);
        assertThat(patch(second, 3, "lo!".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
        assertThat(http.get("/api/files/inbox/later.txt", bearer(alice)).status())
                .isEqualTo(404);
    }
}
