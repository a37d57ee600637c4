package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the local storage is {@code 507 insufficient_storage} on the upload routes,
 * leaves no part of the file, and the server goes on serving. The disk is a real 2 MiB tmpfs as
 * the storage root (mounting needs root; the test is skipped where it fails).
 */
class FullDiskE2eTest {
    @TempDir
    Path dir;

    private Path disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    private Path tmpfs() throws IOException, InterruptedException {
        Path at = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", at.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeThat(mount.waitFor()).as("mount -t tmpfs (needs root): %s", said).isZero();
        disk = at;
        return at;
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void anUploadThatFillsTheDiskIs507AndLeavesNothingAndTheServerGoesOn() throws Exception {
        Path root = tmpfs();
        try (E2eServer server = E2eServer.start(dir, "\n[storage]\nroot = " + E2eServer.literal(root) + "\n")) {
            String token = server.addUser("alice");
            Http http = server.http();
            assertThat(http.put("/api/files/docs/old.txt", "old".getBytes(StandardCharsets.UTF_8), bearer(token))
                            .status())
                    .isEqualTo(201);
            String link = http.postJson(
                            "/api/shares",
                            Map.of("item_id", "docs", "permissions", Map.of("read", true, "write", true)),
                            bearer(token))
                    .json()
                    .path("token")
                    .asText();
            // most of the disk taken, so that the refused bodies are small and read to their end
            Files.write(root.resolve("filler"), new byte[1800 * 1024]);
            List<String> before = files(root);

            Http.Response owner = http.put("/api/files/docs/big.bin", new byte[512 * 1024], bearer(token));
            Http.Response replace = http.put("/api/files/docs/old.txt", new byte[512 * 1024], bearer(token));
            Http.Response visitor = http.put("/api/s/" + link + "/upload/drop.bin", new byte[512 * 1024]);

            for (Http.Response r : List.of(owner, replace, visitor)) {
                assertThat(r.status()).as("%s", r).isEqualTo(507);
                assertThat(r.header("Content-Type"))
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(r.json().path("code").asText()).isEqualTo("insufficient_storage");
                assertThat(r.json().path("status").asInt()).isEqualTo(507);
                assertThat(r.json().path("title").asText()).isEqualTo("Insufficient Storage");
                assertThat(r.text()).doesNotContain(root.toString()).doesNotContain("filler");
            }
            assertThat(files(root)).as("no part of a refused upload is left").isEqualTo(before);
            assertThat(http.get("/api/files/docs/old.txt", bearer(token)).text())
                    .isEqualTo("old");
            assertThat(http.get("/health").status()).isEqualTo(200);

            Files.delete(root.resolve("filler"));
            assertThat(http.put("/api/files/docs/big.bin", new byte[512 * 1024], bearer(token))
                            .status())
                    .as("once there is room again")
                    .isEqualTo(201);
        }
    }

    @Test
    void aTusUploadWhosePlacementFindsTheDiskFullIs507KeepsNothingAndIsPlacedOnceThereIsRoom() throws Exception {
        Path root = tmpfs();
        try (E2eServer server = E2eServer.start(dir, "\n[storage]\nroot = " + E2eServer.literal(root) + "\n")) {
            String token = server.addUser("alice");
            Http http = server.http();
            assertThat(http.send("POST", "/api/folders/docs", null, bearer(token))
                            .status())
                    .isEqualTo(201);
            Files.write(root.resolve("filler"), new byte[1800 * 1024]);
            List<String> before = files(root);
            String meta = "filename "
                    + java.util.Base64.getEncoder().encodeToString("big.bin".getBytes(StandardCharsets.UTF_8));
            String[] tus = {"Authorization", "Bearer " + token, "Tus-Resumable", "1.0.0"};
            Http.Response created = http.send(
                    "POST",
                    "/api/uploads",
                    null,
                    tus[0],
                    tus[1],
                    tus[2],
                    tus[3],
                    "Upload-Length",
                    Integer.toString(512 * 1024),
                    "Upload-Metadata",
                    meta);
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            String location =
                    URI.create(created.header("Location").orElseThrow()).getPath();
            Http.Response full = http.send(
                    "PATCH",
                    location,
                    new byte[512 * 1024],
                    tus[0],
                    tus[1],
                    tus[2],
                    tus[3],
                    "Upload-Offset",
                    "0",
                    "Content-Type",
                    "application/offset+octet-stream");
            assertThat(full.status()).as("%s", full).isEqualTo(507);
            assertThat(full.code()).isEqualTo("insufficient_storage");
            assertThat(files(root)).as("nothing of the placement is left").isEqualTo(before);
            Http.Response head = http.send("HEAD", location, null, tus);
            assertThat(head.header("Upload-Offset")).hasValue(Integer.toString(512 * 1024 - 1));
            assertThat(http.get("/health").status()).isEqualTo(200);

            Files.delete(root.resolve("filler"));
            Http.Response last = http.send(
                    "PATCH",
                    location,
                    new byte[1],
                    tus[0],
                    tus[1],
                    tus[2],
                    tus[3],
                    "Upload-Offset",
                    Integer.toString(512 * 1024 - 1),
                    "Content-Type",
                    "application/offset+octet-stream");
            assertThat(last.status()).as("%s", last).isEqualTo(204);
            assertThat(Files.size(root.resolve("users").resolve("alice").resolve("big.bin")))
                    .isEqualTo(512 * 1024);
        }
    }
}
