package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rclone (its WebDAV backend, vendor {@code other}) through share links' WebDAV spaces on the real
 * server: a tree synced up through a writable link with a password, checked byte for byte, and
 * copied back down through a read-only link of the same folder, which refuses rclone's writes.
 * Skipped where rclone is not installed.
 */
class DavRcloneE2eTest {
    private static final Path RCLONE = Path.of("/usr/bin/rclone");
    private static final String PASSWORD = "rclone syncs through this link";

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(RCLONE), "rclone is not installed");
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
        assertThat(http.send("POST", "/api/folders/sync", null, bearer(alice)).status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTreeSyncsUpThroughAWritableLinkAndDownThroughAReadOnlyOne() throws Exception {
        Path src = dir.resolve("src");
        write(src.resolve("top.txt"), "at the top\n".getBytes(StandardCharsets.UTF_8));
        write(src.resolve("a/b/deep.txt"), "two levels down\n".getBytes(StandardCharsets.UTF_8));
        write(src.resolve("a/notes été.md"), "# accents\n".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(big);
        write(src.resolve("a/big.bin"), big);

        String writable = link(true, true, PASSWORD);
        String readOnly = link(true, false, null);
        Path config = dir.resolve("rclone.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "[up]",
                        "type = webdav",
                        "url = " + http.base() + "/dav/s/" + writable + "/",
                        "vendor = other",
                        "user = anyone",
                        "pass = " + obscure(PASSWORD),
                        "",
                        "[down]",
                        "type = webdav",
                        "url = " + http.base() + "/dav/s/" + readOnly + "/",
                        "vendor = other",
                        ""));

        Run sync = rclone(config, "sync", src.toString(), "up:");
        assertThat(sync.code()).as("%s", sync).isZero();
        Run check = rclone(config, "check", "--download", src.toString(), "up:");
        assertThat(check.code()).as("%s", check).isZero();
        assertThat(ownerFiles("sync")).containsExactlyInAnyOrder("a/", "top.txt");
        assertThat(ownerFiles("sync/a")).containsExactlyInAnyOrder("b/", "big.bin", "notes été.md");
        assertThat(http.get("/api/files/sync/a/big.bin", bearer(alice)).body()).isEqualTo(big);

        Path back = dir.resolve("back");
        Run copy = rclone(config, "copy", "down:", back.toString());
        assertThat(copy.code()).as("%s", copy).isZero();
        List<Path> sent = files(src);
        assertThat(files(back)).isEqualTo(sent);
        for (Path rel : sent) {
            assertThat(Files.mismatch(src.resolve(rel), back.resolve(rel)))
                    .as("%s", rel)
                    .isEqualTo(-1L);
        }

        // the read-only link refuses rclone's writes, and nothing is made
        Path extra = dir.resolve("extra");
        write(extra.resolve("new.txt"), "should not arrive\n".getBytes(StandardCharsets.UTF_8));
        Run refused = rclone(config, "copy", extra.toString(), "down:");
        assertThat(refused.code()).as("%s", refused).isNotZero();
        Run mkdir = rclone(config, "mkdir", "down:made");
        assertThat(mkdir.code()).as("%s", mkdir).isNotZero();
        Run delete = rclone(config, "deletefile", "down:top.txt");
        assertThat(delete.code()).as("%s", delete).isNotZero();
        assertThat(ownerFiles("sync")).containsExactlyInAnyOrder("a/", "top.txt");
    }

    private String link(boolean read, boolean write, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("item_id", "sync");
        body.put("permissions", Map.of("read", read, "write", write, "reshare", false));
        if (password != null) {
            body.put("password", password);
        }
        Http.Response created = http.postJson("/api/shares", body, bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("token").asText();
    }

    /** The names in an owner's folder, folders with a trailing slash. */
    private List<String> ownerFiles(String folder) {
        Http.Response r = http.get("/api/folders/" + folder, bearer(alice));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode children = r.json().path("children");
        return StreamSupport.stream(children.spliterator(), false)
                .map(c -> c.path("name").asText() + (c.path("type").asText().equals("folder") ? "/" : ""))
                .toList();
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** The files below {@code root}, relative and sorted. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    private record Run(int code, String output) {}

    private String obscure(String password) throws Exception {
        Run r = run(List.of(RCLONE.toString(), "obscure", password));
        assertThat(r.code()).as("%s", r).isZero();
        return r.output().strip();
    }

    private Run rclone(Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                RCLONE.toString(), "--config", config.toString(), "--retries", "1", "--low-level-retries", "1"));
        command.addAll(List.of(args));
        return run(command);
    }

    private Run run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("RCLONE_CONFIG", dir.resolve("rclone.conf").toString());
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("RCLONE_PASSWORD_COMMAND");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("rclone did not finish: " + command);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
