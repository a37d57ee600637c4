package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sharebridge.adapter.nextcloud.FakeNextcloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops sending its request body (it closes the connection or resets it) has
 * failed, not the server: the request is answered and logged as {@code 499} (nginx's "client
 * closed request") at INFO, without an ERROR line or a stack trace, counted as a 4xx, and nothing
 * of the body is kept — on the owner's upload, a link's upload, a JSON body, and with NextCloud
 * as the storage. A storage that really fails still answers 502.
 */
class ClientAbortE2eTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int DECLARED = 1024 * 1024;
    private static final int SENT = 64 * 1024;

    @TempDir
    Path dir;

    private E2eServer server;
    private MockWebServer nextcloud;
    private CapturedLog log;

    @AfterEach
    void stop() throws IOException {
        if (log != null) {
            log.close();
        }
        if (server != null) {
            server.close();
        }
        if (nextcloud != null) {
            nextcloud.close();
        }
    }

    @Test
    void anOwnerUploadWhoseClientClosesMidBodyIs499AndLeavesNothing() throws Exception {
        server = E2eServer.start(dir);
        String token = server.addUser("alice");
        Http http = server.http();
        assertThat(http.put("/api/files/docs/kept.txt", "kept".getBytes(StandardCharsets.UTF_8), bearer(token))
                        .status())
                .isEqualTo(201);
        Path root = dir.resolve("data").resolve("files");
        List<String> before = files(root);
        log = CapturedLog.attach();

        sendPartOfABody("PUT /api/files/docs/big.bin", "abort-owner-1", false, "Authorization: Bearer " + token);

        String line = log.awaitAccessLine(WAIT, "request_id=abort-owner-1");
        assertThat(line).contains("method=PUT route=/api/files/{path} status=499 ");
        assertNoErrorLogged();
        assertThat(files(root)).as("nothing of the upload, no temporary file").isEqualTo(before);
        assertCountedAs499Only(http, "PUT", "/api/files/{path}");
        assertThat(http.get("/api/files/docs/big.bin", bearer(token)).status()).isEqualTo(404);
    }

    @Test
    void aLinkUploadWhoseClientResetsTheConnectionIs499AndLeavesNothing() throws Exception {
        server = E2eServer.start(dir);
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
        Path root = dir.resolve("data").resolve("files");
        List<String> before = files(root);
        log = CapturedLog.attach();

        // replacing a file: the old one must stay as it was
        sendPartOfABody("PUT /api/s/" + link + "/upload/old.txt", "abort-link-1", true);

        String line = log.awaitAccessLine(WAIT, "request_id=abort-link-1");
        assertThat(line).contains("method=PUT route=/api/s/{token}/upload/{path} status=499 ");
        assertNoErrorLogged();
        assertThat(files(root)).isEqualTo(before);
        assertThat(http.get("/api/files/docs/old.txt", bearer(token)).text()).isEqualTo("old");
        assertCountedAs499Only(http, "PUT", "/api/s/{token}/upload/{path}");
    }

    @Test
    void aJsonBodyCutOffIs499AndCreatesNothing() throws Exception {
        server = E2eServer.start(dir);
        String token = server.addUser("alice");
        Http http = server.http();
        assertThat(http.put("/api/files/docs/a.txt", new byte[] {1}, bearer(token))
                        .status())
                .isEqualTo(201);
        log = CapturedLog.attach();

        sendPartOfABody(
                "POST /api/shares",
                "abort-json-1",
                false,
                "Authorization: Bearer " + token,
                "Content-Type: application/json");

        String line = log.awaitAccessLine(WAIT, "request_id=abort-json-1");
        assertThat(line).contains("method=POST route=/api/shares status=499 ");
        assertNoErrorLogged();
        assertThat(http.get("/api/shares", bearer(token)).json().path("items")).isEmpty();
        assertCountedAs499Only(http, "POST", "/api/shares");
    }

    @Test
    void onNextcloudAnUploadCutOffIs499KeepsNothingThereAndIsNotANextcloudFailure() throws Exception {
        FakeNextcloud cloud = new FakeNextcloud("sharebridge", "app-password-for-tests");
        nextcloud = new MockWebServer();
        nextcloud.setDispatcher(cloud);
        nextcloud.start();
        server = E2eServer.start(
                dir,
                String.join(
                        "\n",
                        "[storage]",
                        "provider = \"nextcloud\"",
                        "url = \"http://127.0.0.1:" + nextcloud.getPort() + "/\"",
                        "username = \"sharebridge\"",
                        "password = \"app-password-for-tests\"",
                        ""));
        String token = server.addUser("alice");
        Http http = server.http();
        assertThat(http.put("/api/files/docs/kept.txt", "kept".getBytes(StandardCharsets.UTF_8), bearer(token))
                        .status())
                .isEqualTo(201);
        List<String> before = cloud.paths();
        log = CapturedLog.attach();

        sendPartOfABody("PUT /api/files/docs/big.bin", "abort-nc-1", false, "Authorization: Bearer " + token);

        String line = log.awaitAccessLine(WAIT, "request_id=abort-nc-1");
        assertThat(line).contains("method=PUT route=/api/files/{path} status=499 ");
        assertNoErrorLogged();
        assertThat(cloud.paths()).isEqualTo(before);
        assertCountedAs499Only(http, "PUT", "/api/files/{path}");
        List<String> puts = series(http, "sharebridge_nextcloud_calls_seconds_count{", "operation=\"put\"");
        assertThat(puts)
                .as("the cut-off PUT is the client's failure, not NextCloud's")
                .noneMatch(s -> s.contains("outcome=\"io_error\"") || s.contains("outcome=\"server_error\""))
                .anyMatch(s -> s.contains("outcome=\"aborted\""));

        // a NextCloud that really fails, with the whole body sent, is still 502
        nextcloud.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return request.getMethod().equals("PUT")
                        ? new MockResponse.Builder().code(500).build()
                        : cloud.dispatch(request);
            }
        });
        Http.Response failed = http.put("/api/files/docs/whole.bin", new byte[SENT], bearer(token));
        assertThat(failed.status()).as("%s", failed).isEqualTo(502);
        assertThat(failed.code()).isEqualTo("upstream_unavailable");
    }

    /**
     * The same on the way out: a client that stops reading a download or a zip and closes the
     * connection leaves its access line (the status that was already sent) and nothing above DEBUG.
     */
    @Test
    void aDownloadOrZipTheClientStopsReadingIsNoWarningEither() throws Exception {
        server = E2eServer.start(dir);
        String token = server.addUser("alice");
        Http http = server.http();
        byte[] big = new byte[8 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        assertThat(http.put("/api/files/docs/big.bin", big, bearer(token)).status())
                .isEqualTo(201);
        String link = http.postJson("/api/shares", Map.of("item_id", "docs"), bearer(token))
                .json()
                .path("token")
                .asText();
        log = CapturedLog.attach();

        readSomeAndClose("GET /api/files/docs/big.bin", "abort-down-1", "Authorization: Bearer " + token);
        readSomeAndClose("GET /api/s/" + link + "/download/big.bin", "abort-down-2");
        readSomeAndClose("GET /api/s/" + link + "/zip", "abort-zip-1");

        assertThat(log.awaitAccessLine(WAIT, "request_id=abort-down-1")).contains("status=200");
        assertThat(log.awaitAccessLine(WAIT, "request_id=abort-down-2")).contains("status=200");
        assertThat(log.awaitAccessLine(WAIT, "request_id=abort-zip-1")).contains("status=200");
        assertNoErrorLogged();
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    /** Sends {@code requestLine}, reads the head and 64 KiB of the answer, and resets the connection. */
    private void readSomeAndClose(String requestLine, String requestId, String... headers) throws IOException {
        int port = URI.create(server.http().base()).getPort();
        StringBuilder head = new StringBuilder(requestLine)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port)
                .append("\r\nX-Request-Id: ")
                .append(requestId)
                .append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.setReceiveBufferSize(16 * 1024);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 200");
            assertThat(socket.getInputStream().readNBytes(SENT)).hasSize(SENT);
            socket.setSoLinger(true, 0);
        }
    }

    /**
     * Sends a request declaring a 1 MiB body with {@code Expect: 100-continue}, waits for the
     * {@code 100 Continue} that shows the server is reading the body, sends 64 KiB of it and
     * closes the connection (with a reset when {@code reset}).
     */
    private void sendPartOfABody(String requestLine, String requestId, boolean reset, String... headers)
            throws IOException {
        int port = URI.create(server.http().base()).getPort();
        StringBuilder head = new StringBuilder(requestLine)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port)
                .append("\r\nX-Request-Id: ")
                .append(requestId)
                .append("\r\nContent-Length: ")
                .append(DECLARED)
                .append("\r\nExpect: 100-continue\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 100");
            out.write(new byte[SENT]);
            out.flush();
            if (reset) {
                socket.setSoLinger(true, 0);
            }
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        // the rest of the interim answer: its (empty) headers
        int prev = -1;
        while ((c = in.read()) != -1 && !(c == '\n' && (prev == '\n' || prev == -1))) {
            if (c != '\r') {
                prev = c;
            }
        }
        return line.toString().strip();
    }

    private void assertNoErrorLogged() {
        List<ILoggingEvent> bad = log.events().stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null)
                .toList();
        assertThat(CapturedLog.describe(bad))
                .as("no warning, error or stack trace")
                .isEmpty();
    }

    private static void assertCountedAs499Only(Http http, String method, String route) {
        List<String> counts = series(
                http,
                "sharebridge_http_requests_seconds_count{",
                "method=\"" + method + "\"",
                "route=\"" + route + "\"");
        assertThat(counts)
                .anyMatch(s -> s.contains("status=\"499\"") && s.contains("status_class=\"4xx\""))
                .noneMatch(s -> s.contains("status_class=\"5xx\""));
    }

    private static List<String> series(Http http, String prefix, String... tags) {
        return http.get("/metrics")
                .text()
                .lines()
                .filter(l -> l.startsWith(prefix))
                .filter(l -> Stream.of(tags).allMatch(l::contains))
                .toList();
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
