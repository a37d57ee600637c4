package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sharebridge.adapter.http.javalin.health.HealthCheck;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.domain.user.UserId;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real {@link HttpApi} on a random port over in-test fakes of the driving ports. */
abstract class ApiTestSupport {
    static final String TOKEN = "alice-api-token";
    static final String BOB_TOKEN = "bob-api-token";
    /** {@code token-of-NAME} authenticates as user NAME. */
    static final String TOKEN_PREFIX = "token-of-";

    static final UserId ALICE = UserId.of("alice");
    static final String PUBLIC_URL = "https://share.example.org";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    FakeFiles files;
    FakeShares shares;
    FakePublicShares publicShares;
    RoomStack roomStack;
    final List<HealthCheck> healthChecks = new ArrayList<>();
    List<String> trustedProxies = List.of();
    HttpApi api;
    String base;
    final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startApi() {
        files = new FakeFiles(dir);
        shares = new FakeShares(files, CLOCK, PUBLIC_URL);
        publicShares = new FakePublicShares(shares, files, CLOCK);
        roomStack = new RoomStack();
        beforeStart();
        HttpApiDependencies deps = new HttpApiDependencies(
                token -> {
                    if (TOKEN.equals(token)) {
                        return ALICE;
                    }
                    if (BOB_TOKEN.equals(token)) {
                        return UserId.of("bob");
                    }
                    if (token.startsWith(TOKEN_PREFIX)) {
                        return UserId.of(token.substring(TOKEN_PREFIX.length()));
                    }
                    throw new UnauthorizedException("bad token");
                },
                files,
                shares,
                publicShares.ports(),
                FakeUploads.ports(java.time.Clock.systemUTC()),
                healthChecks,
                roomStack.roomService,
                roomStack.invitations,
                roomStack.moderators,
                roomStack.sharedFolders,
                roomStack.meetings,
                roomStack.publisher);
        api = new HttpApi(
                new HttpSettings(
                        "127.0.0.1",
                        0,
                        PUBLIC_URL + "/",
                        trustedProxies,
                        HttpSettings.DEFAULT_MAX_JSON_BYTES,
                        clientLimits(),
                        answerDelays()),
                deps,
                CLOCK,
                metrics());
        base = "http://127.0.0.1:" + api.start();
    }

    void beforeStart() {}

    /** The limits on slow and greedy clients; the defaults unless a test says otherwise. */
    ClientLimits clientLimits() {
        return ClientLimits.DEFAULTS;
    }

    /** How long answers to password guessing wait; not at all unless a test says otherwise. */
    AnswerDelays answerDelays() {
        return new AnswerDelays(Duration.ZERO, Duration.ZERO);
    }

    /** The registry the API records into; none by default. */
    MeterRegistry metrics() {
        return null;
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    HttpRequest.Builder authed(String path) {
        return req(path).header("Authorization", "Bearer " + TOKEN);
    }

    HttpRequest.Builder as(String user, String path) {
        return req(path).header("Authorization", "Bearer " + TOKEN_PREFIX + user);
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> sendBytes(HttpRequest.Builder b) {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(authed(path).GET());
    }

    HttpResponse<String> putFile(String path, String content) {
        return send(authed("/api/files/" + path).PUT(HttpRequest.BodyPublishers.ofString(content)));
    }

    HttpResponse<String> postJson(HttpRequest.Builder b, String json) {
        return send(b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> putJson(HttpRequest.Builder b, String json) {
        return send(b.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(r.body(), e);
        }
    }

    /** Asserts an RFC 9457 problem with exactly the five members and the given status and code. */
    static JsonNode assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode p = json(r);
        List<String> names = new ArrayList<>();
        p.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
        return p;
    }

    /** Sends raw bytes (for request targets java.net.http refuses to build) and returns the response text. */
    String raw(String requestLine, Map<String, String> headers) {
        try (Socket s = new Socket("127.0.0.1", URI.create(base).getPort())) {
            StringBuilder sb = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
            sb.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
