package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.bootstrap.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas and limits on the real server (docs/uploads.md, "Quotas and limits"): refused with 413
 * or 507 before a byte is written when the size is announced, stopped mid-stream with nothing
 * left when it is not, and set with {@code users quota}.
 */
class QuotasE2eTest {
    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;
    private String bob;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir, "\n[uploads]\nmax_size_mib = 1\n");
        http = server.http();
        alice = server.addUser("alice");
        bob = server.addUser("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Every file below the storage root, temporary ones included. */
    private List<String> stored() throws IOException {
        Path root = dir.resolve("data").resolve("files");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** One request on a socket of its own, so that a body can be chunked or left unsent. @return the answer */
    private String raw(String head, byte[] body) throws IOException {
        URI base = URI.create(http.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                if (text.contains("\r\n\r\n") && text.contains("\"code\"") && text.endsWith("}")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String chunkedPut(String path, String token) {
        return "PUT " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Transfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
    }

    @Test
    void users_quota_sets_and_shows_and_api_me_tells_the_owner() {
        E2eServer.CliRun set = server.cli("users", "quota", "alice", "1K");
        assertThat(set.code()).as(set.stderr()).isEqualTo(Cli.OK);
        assertThat(set.stdout()).containsExactly("alice uses 0 bytes of 1024 (own quota)");
        assertThat(server.cli("users", "quota", "alice").stdout())
                .containsExactly("alice uses 0 bytes of 1024 (own quota)");
        assertThat(server.cli("users", "quota", "alice", "12X").code()).isEqualTo(Cli.USAGE);
        assertThat(server.cli("users", "quota", "nobody", "1G").code()).isEqualTo(Cli.FAILURE);
        assertThat(server.cli("users", "quota", "bob").stdout()).containsExactly("bob uses 0 bytes (no quota)");

        Http.Response me = http.get("/api/me", bearer(alice));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").asText()).isEqualTo("alice");
        assertThat(me.json().path("used_bytes").asLong()).isZero();
        assertThat(me.json().path("quota_bytes").asLong()).isEqualTo(1024);
        assertThat(http.get("/api/me", bearer(bob)).json().path("quota_bytes").isNull())
                .isTrue();
        assertThat(http.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void over_the_quota_is_507_with_a_length_and_mid_stream_without_one_and_nothing_is_left() throws Exception {
        assertThat(server.cli("users", "quota", "alice", "1K").code()).isEqualTo(Cli.OK);
        assertThat(http.put("/api/files/a.bin", new byte[1000], bearer(alice)).status())
                .isEqualTo(201);
        List<String> before = stored();

        Http.Response over = http.put("/api/files/b.bin", new byte[100], bearer(alice));
        assertThat(over.status()).as("%s", over).isEqualTo(507);
        assertThat(over.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(over.code()).isEqualTo("insufficient_storage");
        assertThat(over.json().path("detail").asText()).contains("quota");

        String chunked = raw(chunkedPut("/api/files/c.bin", alice), new byte[2000]);
        assertThat(chunked).startsWith("HTTP/1.1 507").contains("insufficient_storage");
        assertThat(stored()).as("nothing of a refused upload is left").isEqualTo(before);
        assertThat(http.get("/api/me", bearer(alice)).json().path("used_bytes").asLong())
                .isEqualTo(1000);

        assertThat(http.delete("/api/files/a.bin", bearer(alice)).status()).isEqualTo(204);
        assertThat(http.get("/api/me", bearer(alice)).json().path("used_bytes").asLong())
                .isZero();
        assertThat(http.put("/api/files/b.bin", new byte[100], bearer(alice)).status())
                .as("room again once a file is gone")
                .isEqualTo(201);
    }

    @Test
    void over_the_largest_file_with_a_content_length_is_413_before_the_body_is_sent() throws Exception {
        String answer = raw(
                "PUT /api/files/huge.bin HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice
                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (2L << 20)
                        + "\r\nConnection: close\r\n\r\n",
                null);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");
        assertThat(stored()).isEmpty();
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    private String dropLink(long maxUpload, long maxFile) {
        Http.Response created = http.postJson(
                "/api/shares",
                Map.of(
                        "item_id",
                        "drop",
                        "item_type",
                        "folder",
                        "permissions",
                        Map.of("write", true),
                        "max_upload_bytes",
                        maxUpload,
                        "max_file_bytes",
                        maxFile),
                bearer(bob));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("max_upload_bytes").asLong()).isEqualTo(maxUpload);
        assertThat(created.json().path("max_file_bytes").asLong()).isEqualTo(maxFile);
        return created.json().path("token").asText();
    }

    @Test
    void a_file_drop_receives_no_more_than_its_limits_on_every_upload_route() throws Exception {
        assertThat(http.send("POST", "/api/folders/drop", null, bearer(bob)).status())
                .isEqualTo(201);
        String link = dropLink(1500, 1000);

        Http.Response tooBig = http.put("/api/s/" + link + "/upload/big.bin", new byte[1001]);
        assertThat(tooBig.status()).as("%s", tooBig).isEqualTo(413);
        assertThat(tooBig.code()).isEqualTo("payload_too_large");
        assertThat(http.put("/api/s/" + link + "/upload/one.bin", new byte[800]).status())
                .isEqualTo(201);
        Http.Response overTotal = http.put("/api/s/" + link + "/upload/two.bin", new byte[800]);
        assertThat(overTotal.status()).as("%s", overTotal).isEqualTo(413);
        assertThat(overTotal.json().path("detail").asText()).contains("link");
        List<String> before = stored();

        String chunked = raw(chunkedPut("/api/s/" + link + "/upload/three.bin", null), new byte[1200]);
        assertThat(chunked).startsWith("HTTP/1.1 413").contains("payload_too_large");
        Http.Response dav = http.put("/dav/s/" + link + "/four.bin", new byte[1001]);
        assertThat(dav.status()).as("%s", dav).isEqualTo(413);
        String meta = "filename " + Base64.getEncoder().encodeToString("five.bin".getBytes(StandardCharsets.UTF_8));
        Http.Response tus = http.send(
                "POST",
                "/api/s/" + link + "/uploads",
                null,
                "Tus-Resumable",
                "1.0.0",
                "Upload-Length",
                "701",
                "Upload-Metadata",
                meta);
        assertThat(tus.status()).as("%s", tus).isEqualTo(413);
        assertThat(stored()).as("nothing of a refused upload is left").isEqualTo(before);

        Http.Response tusFits = http.send(
                "POST",
                "/api/s/" + link + "/uploads",
                null,
                "Tus-Resumable",
                "1.0.0",
                "Upload-Length",
                "700",
                "Upload-Metadata",
                meta);
        assertThat(tusFits.status()).as("%s", tusFits).isEqualTo(201);
        assertThat(http.get("/api/me", bearer(bob)).json().path("used_bytes").asLong())
                .as("the file placed and the upload's reservation")
                .isEqualTo(1500);
    }

    @Test
    void limits_are_only_for_links_with_write_and_positive() {
        assertThat(http.send("POST", "/api/folders/docs", null, bearer(bob)).status())
                .isEqualTo(201);
        Http.Response readOnly =
                http.postJson("/api/shares", Map.of("item_id", "docs", "max_upload_bytes", 10), bearer(bob));
        assertThat(readOnly.status()).as("%s", readOnly).isEqualTo(400);
        assertThat(readOnly.text()).contains("max_upload_bytes");
        Http.Response zero = http.postJson(
                "/api/shares",
                Map.of("item_id", "docs", "permissions", Map.of("write", true), "max_file_bytes", 0),
                bearer(bob));
        assertThat(zero.status()).as("%s", zero).isEqualTo(400);
        assertThat(zero.text()).contains("max_file_bytes");
    }
}
