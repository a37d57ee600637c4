package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their request bodies at a byte a second do not take the server down. 300 of
 * them, half uploading into the owner's space and half "verifying" a link's password (which
 * needs no account), all from one address, against the server's own thread pool (platform
 * threads on the Java 17 of the build): {@code /health} answers while all of them are still
 * waiting, and the server closes each of them once its body is past its deadline.
 */
class SlowClientsE2eTest {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration HEALTH_WITHIN = Duration.ofSeconds(10);
    private static final int SLOW = 300;

    @TempDir
    Path dir;

    private E2eServer server;
    private CapturedLog log;

    @AfterEach
    void stop() {
        if (log != null) {
            log.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(String serverKeys) throws Exception {
        Path config = dir.resolve("sharebridge.toml");
        Files.writeString(
                config,
                E2eServer.baseToml(dir).replace("[server]\n", "[server]\n" + serverKeys),
                StandardCharsets.UTF_8);
        server = E2eServer.startWith(config);
    }

    private int port() {
        return URI.create(server.http().base()).getPort();
    }

    @Test
    void threeHundredSlowBodiesLeaveHealthAnsweringAndAreClosedAfterTheirDeadline() throws Exception {
        // the per-client bound high, so that the body deadline and the thread model alone are tested;
        // the deadline long enough that opening 300 connections on a busy machine (4 s in one CI
        // run) never reaches it before /health is asked
        start("body_timeout_s = 12\nmax_requests_per_client = 1000\n");
        String alice = server.addUser("alice");
        Http http = server.http();
        assertThat(http.put("/api/files/inbox/a.txt", new byte[] {1}, bearer(alice))
                        .status())
                .isEqualTo(201);
        String link = http.postJson(
                        "/api/shares", Map.of("item_id", "inbox", "password", "blue-harbour-lantern-42"), bearer(alice))
                .json()
                .path("token")
                .asText();
        String upload = "PUT /api/files/inbox/slow-%d.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice
                + "\r\nContent-Length: 1048576\r\n\r\n";
        String verify = "POST /api/s/" + link + "/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n";
        log = CapturedLog.attach();

        try (SlowClients slow = SlowClients.open(port(), SLOW, i -> i % 2 == 0 ? upload.formatted(i) : verify)) {
            slow.tick(TICK);
            slow.tick(TICK);
            assertThat(slow.open()).isEqualTo(SLOW);

            long asked = System.nanoTime();
            HttpResponse<String> health = health();
            double healthSeconds = (System.nanoTime() - asked) / 1e9;
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(log.accessLines())
                    .as("the server answered none of the slow requests yet")
                    .noneMatch(l -> l.contains("route=/api/files/{path}")
                            || l.contains("route=/api/s/{token}/verify")
                            || l.contains("route=unmatched"));

            int ticks = 0;
            while (slow.open() > 0 && ticks++ < 120) {
                slow.tick(TICK);
            }
            assertThat(slow.open())
                    .as("every slow connection was closed by the server")
                    .isZero();
            double lastClosed = slow.connections().stream()
                    .mapToDouble(slow::secondsUntilClosed)
                    .max()
                    .orElse(0);
            double firstClosed = slow.connections().stream()
                    .mapToDouble(slow::secondsUntilClosed)
                    .min()
                    .orElse(0);
            System.out.printf(
                    "slow clients: /health answered in %.3f s with %d slow connections open; "
                            + "they were closed between %.1f s and %.1f s; answers %s%n",
                    healthSeconds, SLOW, firstClosed, lastClosed, slow.statuses());
            assertThat(slow.statuses().keySet())
                    .as("each was answered before it was closed: 408 past its "
                            + "deadline, or 503 when no place for a body came free in time")
                    .isSubsetOf(408, 503);
        }
        assertThat(health().statusCode()).isEqualTo(200);
        assertThat(CapturedLog.describe(log.events().stream()
                        .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                        .toList()))
                .as("slow clients are the clients' business: no warning or error")
                .isEmpty();
    }

    /**
     * Behind a trusted proxy, the client is the address the proxy names: 150 slow uploads of one
     * client (the configured bound) are all in progress, and its next request is refused at once
     * with a 429 problem, while the proxy's own request and another client's are served; once one
     * of the 150 has ended, the client is served again.
     */
    @Test
    void theRequestsOfOneClientBeyondItsBoundAreRefusedAtOnce() throws Exception {
        int bound = 150;
        Path config = dir.resolve("sharebridge.toml");
        Files.writeString(
                config,
                E2eServer.baseToml(dir)
                        .replace("[server]\n", "[server]\nmax_requests_per_client = " + bound + "\n")
                        .replace("[security]\n", "[security]\ntrusted_proxies = [\"127.0.0.1\"]\n"),
                StandardCharsets.UTF_8);
        server = E2eServer.startWith(config);
        String alice = server.addUser("alice");
        Http http = server.http();
        String upload = "PUT /api/files/inbox/slow-%d.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice
                + "\r\nX-Forwarded-For: 203.0.113.7\r\nContent-Length: 1048576\r\nExpect: 100-continue\r\n\r\n";
        log = CapturedLog.attach();

        try (SlowClients slow = SlowClients.open(port(), bound, upload::formatted)) {
            int ticks = 0;
            while (slow.continued() < bound && ticks++ < 30) {
                slow.tick(TICK);
            }
            assertThat(slow.continued())
                    .as("every one of them is being read by its route")
                    .isEqualTo(bound);

            Http.Response refused = http.get("/health", "X-Forwarded-For", "203.0.113.7");
            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("too_many_requests");
            assertThat(refused.header("Retry-After")).hasValue("1");
            assertThat(refused.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.header("X-Request-Id")).isPresent();
            assertThat(http.put(
                                    "/api/files/inbox/more.bin",
                                    new byte[] {1},
                                    "Authorization",
                                    "Bearer " + alice,
                                    "X-Forwarded-For",
                                    "203.0.113.7")
                            .status())
                    .isEqualTo(429);
            assertThat(http.get("/health").status()).as("the proxy itself").isEqualTo(200);
            assertThat(http.get("/health", "X-Forwarded-For", "198.51.100.1").status())
                    .as("another client")
                    .isEqualTo(200);
            assertThat(slow.open()).isEqualTo(bound);

            slow.abandon(0);
            log.awaitAccessLine(Duration.ofSeconds(20), "route=/api/files/{path} status=499");
            // the place is given back once that answer is done, just after its log line
            int status = 0;
            for (int attempt = 0; attempt < 1000 && status != 200; attempt++) {
                status = http.get("/health", "X-Forwarded-For", "203.0.113.7").status();
                assertThat(status).isIn(200, 429);
            }
            assertThat(status).as("one of its requests has ended").isEqualTo(200);
        }
        assertThat(log.accessLines()).anyMatch(l -> l.startsWith("method=GET route=unmatched status=429 "));
        String refusals = http.get("/metrics")
                .text()
                .lines()
                .filter(l -> l.startsWith("sharebridge_http_refused_total{reason=\"client_limit\"} "))
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(refusals.substring(refusals.indexOf("} ") + 2)))
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * With every place for a body taken (here the only one, by an upload that keeps ahead of its
     * deadline), a second request with a body waits without a thread and is answered 503 once it
     * has waited body_timeout_s, without its body being read, while requests without a body are
     * served; the upload holding the place is not disturbed.
     */
    @Test
    void aBodyThatFindsNoPlaceInTimeIs503AndRequestsWithoutABodyDoNotWait() throws Exception {
        start("max_body_requests = 1\nbody_timeout_s = 2\nmin_body_bytes_per_s = 1\n");
        String alice = server.addUser("alice");
        Http http = server.http();
        String upload = "PUT /api/files/slow-%d.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice
                + "\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n";
        log = CapturedLog.attach();

        try (SlowClients holder = SlowClients.open(port(), 1, upload::formatted)) {
            int ticks = 0;
            while (holder.continued() < 1 && ticks++ < 10) {
                holder.tick(TICK);
            }
            assertThat(holder.continued())
                    .as("the first upload holds the only place")
                    .isEqualTo(1);
            try (SlowClients second = SlowClients.open(port(), 1, i -> upload.formatted(i + 1))) {
                assertThat(http.get("/health").status()).isEqualTo(200);
                ticks = 0;
                while (second.open() > 0 && ticks++ < 30) {
                    second.tick(TICK);
                    holder.tick(Duration.ZERO);
                }
                SlowClients.Connection refused = second.connections().get(0);
                assertThat(refused.status()).as(refused.answer.toString()).isEqualTo(503);
                assertThat(refused.answer.toString())
                        .contains("\"code\":\"service_busy\"")
                        .contains("Retry-After: 1")
                        .doesNotContain("HTTP/1.1 100");
            }
            assertThat(holder.open()).as("the upload holding the place goes on").isEqualTo(1);
        }
        assertThat(http.get("/metrics").text()).contains("sharebridge_http_refused_total{reason=\"busy\"} 1.0");
    }

    /**
     * A body that stops arriving, and a connection that never sends a request, are closed after
     * the idle timeout: the body is answered 408 first and nothing of it is kept.
     */
    @Test
    void aStalledBodyAndASilentConnectionAreClosedAtTheIdleTimeout() throws Exception {
        start("idle_timeout_s = 1\n");
        String alice = server.addUser("alice");
        log = CapturedLog.attach();
        try (java.net.Socket silent = new java.net.Socket("127.0.0.1", port());
                java.net.Socket stalled = new java.net.Socket("127.0.0.1", port())) {
            silent.setSoTimeout(20_000);
            stalled.setSoTimeout(20_000);
            stalled.getOutputStream()
                    .write(("PUT /api/files/stalled.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: Bearer "
                                    + alice + "\r\nContent-Length: 1000\r\n\r\n0123456789")
                            .getBytes(StandardCharsets.ISO_8859_1));

            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"code\":\"request_timeout\"");
            assertThat(silent.getInputStream().read())
                    .as("closed by the server, with nothing said")
                    .isEqualTo(-1);
        }
        log.awaitAccessLine(Duration.ofSeconds(20), "method=PUT route=/api/files/{path} status=408 ");
        assertThat(server.http().get("/api/files/stalled.bin", bearer(alice)).status())
                .isEqualTo(404);
    }

    private HttpResponse<String> health() throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(
                HttpRequest.newBuilder(URI.create(server.http().base() + "/health"))
                        .timeout(HEALTH_WITHIN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
