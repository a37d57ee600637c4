package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No share token, ticket, grant, password or API token in any log line, from any source (issue
 * 13, item 12): {@code serve} runs as its own process with the shipped logback.xml (our loggers
 * at DEBUG), takes a battery of odd requests that carry a real token — CONNECT, TRACE, unknown
 * methods, bad HTTP versions, malformed and oversized headers and URIs, bad escapes, aborted
 * uploads and downloads, a refused WebSocket upgrade with a real ticket — and everything it wrote
 * to stdout and stderr until it stopped is searched for them.
 */
class NoSecretsInLogsE2eTest {
    private static final String PASSWORD = "a long passphrase";

    @TempDir
    Path dir;

    @Test
    void aBatteryOfOddRequestsLeavesNoSecretInTheLog() throws Exception {
        ServedProcess served = ServedProcess.configure(dir);
        int port = served.port();
        Path config = served.config();
        List<String> secrets = new ArrayList<>();
        try (JavaProcess serve = JavaProcess.start(
                dir, List.of("-Dsharebridge.log.level=DEBUG"), "serve", "--config", config.toString())) {
            serve.awaitLine(l -> l.contains("listening on http://127.0.0.1:" + port), JavaProcess.STARTUP);
            Http http = new Http("http://127.0.0.1:" + port);
            String user = addUser(config, "alice");
            secrets.add(user);

            byte[] big = new byte[4 * 1024 * 1024];
            assertThat(http.put("/api/files/docs/big.bin", big, bearer(user)).status())
                    .isEqualTo(201);
            assertThat(http.put("/api/files/docs/a.txt", "a".getBytes(StandardCharsets.UTF_8), bearer(user))
                            .status())
                    .isEqualTo(201);
            String token = http.postJson(
                            "/api/shares",
                            Map.of("item_id", "docs", "permissions", Map.of("read", true, "write", true)),
                            bearer(user))
                    .json()
                    .path("token")
                    .asText();
            String locked = http.postJson("/api/shares", Map.of("item_id", "docs", "password", PASSWORD), bearer(user))
                    .json()
                    .path("token")
                    .asText();
            String grant = http.postJson("/api/s/" + locked + "/verify", Map.of("password", PASSWORD))
                    .json()
                    .path("grant")
                    .asText();
            String room = http.postJson("/v1/rooms", Map.of("title", "r"), bearer(user))
                    .json()
                    .path("id")
                    .asText();
            String ticket = http.postJson("/v1/rooms/" + room + "/start", Map.of(), bearer(user))
                    .json()
                    .path("ticket")
                    .asText();
            secrets.addAll(List.of(token, locked, grant, ticket, PASSWORD));
            assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThan(10));

            for (byte[] request : battery(token, locked, grant, ticket)) {
                send(port, request);
            }
            abortUpload(port, token);
            abortDownload(port, token);
            // the server still serves after all that
            assertThat(http.get("/health").status()).isEqualTo(200);

            serve.terminate();
            assertThat(serve.awaitExit(Duration.ofSeconds(60)))
                    .as(serve.output())
                    .isIn(0, 143);
            String output = serve.output();
            assertThat(output)
                    .as("the battery was answered and logged")
                    .contains("status=414")
                    .contains("status=505")
                    .contains("status=431")
                    .contains("method=TRACE")
                    .contains("route=/s/{token}")
                    .contains("route=/api/s/{token}/download/{path}");
            for (String secret : secrets) {
                assertThat(output).as("a secret in the log").doesNotContain(secret);
            }
        }
    }

    private static List<byte[]> battery(String token, String locked, String grant, String ticket) {
        List<String> requests = new ArrayList<>();
        String list = "/api/s/" + token + "/list";
        for (String method : List.of("CONNECT", "TRACE", "OPTIONS", "PATCH", "FOO", "get")) {
            requests.add(method + " " + list + " HTTP/1.1\r\nHost: l\r\n\r\n");
        }
        requests.add("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: /s/" + token + "\r\n\r\n");
        requests.add("GET " + list + " HTTP/9.9\r\nHost: l\r\n\r\n");
        requests.add("GET " + list + " HTTP/0.9\r\n\r\n");
        requests.add("GET " + list + " FOO/1.1\r\nHost: l\r\n\r\n");
        requests.add("GET " + list + " HTTP/1.1\r\nHost: l\r\nBad Header: x\r\n\r\n");
        requests.add("GET " + list + " HTTP/1.1\r\nHost: l\r\nno colon\r\n\r\n");
        requests.add("GET " + list + " HTTP/1.1\r\nHost: l\r\nReferer: http://x/s/" + token + "\r\nX-Big: "
                + "b".repeat(20_000) + "\r\n\r\n");
        requests.add("GET " + list + "/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: l\r\n\r\n");
        requests.add("GET " + list + " HTTP/1.1\r\nHost: l\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        requests.add("GET " + list + " HTTP/1.1\r\nHost: l\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        requests.add("GET " + list + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        for (String bad : List.of("%zz", "%u0041", "%", "%c0%80", "%ff", "%00", "..%2f..%2f", "\u00ff")) {
            requests.add("GET " + list + "/" + bad + " HTTP/1.1\r\nHost: l\r\n\r\n");
            requests.add("GET /api/s/" + token + bad + " HTTP/1.1\r\nHost: l\r\n\r\n");
            requests.add("GET /s/" + token + "/" + bad + " HTTP/1.1\r\nHost: l\r\n\r\n");
            requests.add("GET /api/shares?item_id=" + bad + "&t=" + token + " HTTP/1.1\r\nHost: l\r\n\r\n");
        }
        requests.add("GET /s/" + token + " HTTP/1.1\r\nHost: l\r\n\r\n");
        requests.add("HEAD /s/" + token + " HTTP/1.1\r\nHost: l\r\n\r\n");
        requests.add("POST /s/" + token + " HTTP/1.1\r\nHost: l\r\nContent-Length: 0\r\n\r\n");
        requests.add(
                "GET /api/s/" + locked + "/download/a.txt HTTP/1.1\r\nHost: l\r\nX-Share-Grant: " + grant + "\r\n\r\n");
        requests.add(
                "GET /api/s/" + locked + "/zip HTTP/1.1\r\nHost: l\r\nCookie: sb_grant_00000000=" + grant + "\r\n\r\n");
        requests.add("GET /api/s/" + token + "/download/a.txt HTTP/1.1\r\nHost: l\r\nX-Share-Grant: \u00ff\r\n\r\n");
        requests.add("POST /api/s/" + locked + "/verify HTTP/1.1\r\nHost: l\r\nContent-Type: application/json\r\n"
                + "Content-Length: 7\r\n\r\n{\"pass\"");
        requests.add("GET /dav/s/" + token + "/a.txt HTTP/1.1\r\nHost: l\r\n\r\n");
        String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        requests.add("GET /signaling?ticket=" + ticket + " HTTP/1.1\r\nHost: l\r\n" + upgrade
                + "Sec-WebSocket-Version: 99\r\n\r\n");
        requests.add("POST /signaling?ticket=" + ticket + " HTTP/1.1\r\nHost: l\r\n" + upgrade
                + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n");
        requests.add("GET /signaling?ticket=" + ticket + "%zz HTTP/1.1\r\nHost: l\r\n" + upgrade
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        requests.add("GET /signaling?ticket=" + ticket + " HTTP/1.1\r\nHost: l\r\n\r\n");
        List<byte[]> bytes = new ArrayList<>();
        for (String r : requests) {
            bytes.add(r.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return bytes;
    }

    /** Sends one request and reads whatever comes back until the server closes. */
    private static void send(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        } catch (SocketException reset) {
            // the server may drop a connection it refused: that is an answer too
        }
    }

    /** An upload whose client goes away a tenth of the way through the body. */
    private static void abortUpload(int port, String token) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/s/" + token + "/upload/cut.bin HTTP/1.1\r\nHost: l\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[10_000]);
            out.flush();
            s.setSoLinger(true, 0); // a reset, not a clean close
        }
    }

    /** A download whose client reads a little and goes away. */
    private static void abortDownload(int port, String token) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write(("GET /api/s/" + token + "/download/big.bin HTTP/1.1\r\nHost: l\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            in.readNBytes(4096);
            s.setSoLinger(true, 0);
        }
    }

    /** {@code users add NAME} through the real CLI, in this JVM, on the serving process's database. */
    private static String addUser(Path config, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of(),
                Sharebridge::open,
                hook -> {
                    throw new AssertionError("only serve registers a shutdown hook");
                });
        assertThat(cli.run(new String[] {"users", "add", name, "--config", config.toString()}))
                .isEqualTo(Cli.OK);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.get(lines.size() - 1);
    }
}
