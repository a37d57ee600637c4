package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.SharePermissions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request targets, headers and bodies that are not well-formed text (issue 13, items 5 and 10):
 * a malformed percent escape or bytes that are not UTF-8 get {@code 400 validation_failed} on
 * every route, before any route decodes them, and change nothing. Sent over a plain socket,
 * since HTTP clients refuse or repair such targets.
 */
class MalformedInputTest extends ApiTestSupport {
    /** Each stands for one path segment or one query value. */
    private static final List<String> MALFORMED = List.of(
            "%u0041",
            "%u00",
            "%",
            "%4",
            "%zz",
            "a%g0", // not % and two hex digits
            "%c0%80",
            "%C0%AF", // overlong NUL and slash
            "%ed%a0%80", // a UTF-16 surrogate, UTF-8-encoded
            "%fe",
            "%ff",
            "bad%fe.txt", // never UTF-8
            "%e2%82",
            "%e2%82x",
            "%80", // truncated, a lone continuation byte
            "%f4%90%80%80",
            "%F8%88%80%80%80", // beyond U+10FFFF, a five-byte form
            "caf\u00ff.txt"); // a raw byte that is not UTF-8 (sent as 0xFF)

    private String token;
    private String lockedToken;
    private int port;

    @BeforeEach
    void seed() throws Exception {
        port = URI.create(base).getPort();
        putFile("pub/a.txt", "aaa");
        token = shares.add(
                        ALICE,
                        ItemPath.parse("pub"),
                        Optional.empty(),
                        new SharePermissions(true, true, true),
                        Optional.empty())
                .token()
                .value();
        lockedToken = shares.add(
                        ALICE, ItemPath.parse("pub"), Optional.of("hash"), SharePermissions.DEFAULT, Optional.empty())
                .token()
                .value();
    }

    /** Every route family, with {} where the malformed text goes. */
    private List<String> targets() {
        return List.of(
                "GET /api/s/" + token + "/list/{}",
                "GET /api/s/" + token + "/download/{}",
                "GET /api/s/{}",
                "GET /api/s/" + token + "/zip/{}",
                "PUT /api/s/" + token + "/upload/{}",
                "DELETE /api/s/" + token + "/items/{}",
                "POST /api/s/" + token + "/folders/{}",
                "HEAD /api/s/" + token + "/download/{}",
                "GET /api/files/{}",
                "PUT /api/files/{}",
                "DELETE /api/files/{}",
                "POST /api/folders/{}",
                "GET /api/folders/{}",
                "GET /api/shares/{}",
                "GET /v1/rooms/{}",
                "PUT /v1/rooms/{}/invitees/bob",
                "GET /s/{}",
                "GET /app/{}",
                "GET /assets/{}",
                "GET /{}",
                "GET /no/such/{}",
                "GET /api/shares?item_id={}",
                "GET /api/shares?limit=1&cursor={}",
                "GET /api/shares/count?below={}",
                "GET /api/folders?{}=1",
                "GET /health?probe={}",
                "GET /s/" + token + "?{}");
    }

    @Test
    void everyMalformedEscapeOnEveryRouteIsA400ProblemAndChangesNothing() throws IOException {
        List<String> before = tree(dir);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (String target : targets()) {
            for (String bad : MALFORMED) {
                String line = target.replace("{}", bad) + " HTTP/1.1";
                RawHttp.Answer a =
                        RawHttp.send(port, line, Map.of("Authorization", "Bearer " + TOKEN, "Content-Length", "0"));
                sent++;
                String problem = describeIfNotValidationFailed(a, target.startsWith("HEAD"));
                if (problem != null) {
                    wrong.add(line + " -> " + problem);
                }
            }
        }
        assertThat(sent).isEqualTo(targets().size() * MALFORMED.size());
        assertThat(wrong)
                .as("answers that are not 400 validation_failed problems")
                .isEmpty();
        assertThat(tree(dir)).as("nothing was written or deleted").isEqualTo(before);
        assertThat(shares.shares).hasSize(2);
        assertThat(publicShares.counted).hasValue(0);
    }

    /** Null when {@code a} is the 400 validation_failed problem; else what it is. */
    private static String describeIfNotValidationFailed(RawHttp.Answer a, boolean head) {
        if (a.status() != 400) {
            return a.status() + " " + a.body();
        }
        if (!a.header("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "Content-Type " + a.header("Content-Type");
        }
        if (head) {
            // no body to read when the route answered; when Jetty refused the request line it
            // cannot know the method, writes its body and closes the connection
            return null;
        }
        try {
            JsonNode p = MAPPER.readTree(a.body());
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            boolean ok = names.size() == 5
                    && names.containsAll(List.of("type", "title", "status", "detail", "code"))
                    && p.get("status").asInt() == 400
                    && p.get("code").asText().equals("validation_failed");
            return ok ? null : a.body();
        } catch (IOException e) {
            return "not JSON: " + a.body();
        }
    }

    @Test
    void twoNamesThatAreNotUtf8NoLongerMeetInOneFile() throws IOException {
        RawHttp.Answer ff = RawHttp.send(
                port, request("PUT", "/api/files/bad%ff.txt", "text/plain", "first".getBytes(StandardCharsets.UTF_8)));
        RawHttp.Answer fe = RawHttp.send(
                port, request("PUT", "/api/files/bad%fe.txt", "text/plain", "second".getBytes(StandardCharsets.UTF_8)));

        assertThat(ff.status()).as(ff.text()).isEqualTo(400);
        assertThat(fe.status()).as(fe.text()).isEqualTo(400);
        assertThat(tree(dir)).noneMatch(p -> p.contains("bad"));
    }

    @Test
    void wellFormedEscapesStillWork() {
        HttpResponse<String> accented = putFile("caf%C3%A9.txt", "x");
        assertThat(accented.statusCode()).as(accented.body()).isEqualTo(201);
        assertThat(json(accented).get("name").asText()).isEqualTo("café.txt");
        // U+FFFD itself is a character like any other when it is sent encoded
        HttpResponse<String> replacement = putFile("%EF%BF%BD.txt", "x");
        assertThat(replacement.statusCode()).as(replacement.body()).isEqualTo(201);
        assertThat(json(replacement).get("name").asText()).isEqualTo("\uFFFD.txt");
        HttpResponse<String> fourBytes = putFile("%F0%9F%98%80+%2B.txt", "x");
        assertThat(json(fourBytes).get("name").asText()).isEqualTo("\uD83D\uDE00++.txt");
        assertThat(get("/api/shares/count?below=caf%C3%A9.txt").statusCode()).isEqualTo(200);
        assertThat(get("/api/shares?item_id=caf%C3%A9.txt&limit=5").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSignalingTicketThatIsNotUtf8IsRefusedAsMalformed() {
        RawHttp.Answer a = RawHttp.send(
                port,
                "GET /signaling?ticket=%ff%fe HTTP/1.1",
                Map.of(
                        "Upgrade",
                        "websocket",
                        "Connection",
                        "Upgrade",
                        "Sec-WebSocket-Version",
                        "13",
                        "Sec-WebSocket-Key",
                        "dGhlIHNhbXBsZSBub25jZQ=="));

        assertThat(a.status()).as(a.text()).isEqualTo(400);
        assertThat(a.body()).contains("\"code\":\"validation_failed\"");
        assertThat(a.header("Sec-WebSocket-Accept")).isEmpty();
    }

    @Test
    void aGrantHeaderThatIsNotVisibleAsciiIsRefused() {
        // Jetty reads header bytes as ISO-8859-1: UTF-8 "é" arrives as two characters
        for (String grant : List.of("\u00ff\u00fe", "grant\u00c3\u00a9", "gr ant")) {
            RawHttp.Answer a =
                    RawHttp.send(port, "GET /api/s/" + lockedToken + "/list HTTP/1.1", Map.of("X-Share-Grant", grant));
            assertThat(a.status()).as(grant + ": " + a.text()).isEqualTo(400);
            assertThat(a.body()).contains("\"code\":\"validation_failed\"").doesNotContain(grant);
        }
        assertThat(publicShares.lastAccess).as("the use case was never asked").isNull();
    }

    @Test
    void aGrantCookieThatIsNotAsciiOpensNothing() {
        String name = grantCookieName(lockedToken);
        RawHttp.Answer a = RawHttp.send(
                port, "GET /api/s/" + lockedToken + "/list HTTP/1.1", Map.of("Cookie", name + "=grant0x\u00ff"));

        // Jetty's cookie parser drops a value that is not ASCII; nothing is decoded into a grant
        assertThat(a.status()).as(a.text()).isIn(400, 401);
        assertThat(a.body()).doesNotContain("\"code\":\"internal_error\"");
    }

    @Test
    void jsonBodiesThatAreNotUtf8AreRefusedBeforeTheUseCase() {
        List<byte[]> notUtf8 = List.of(
                new byte[] {(byte) 0xff},
                new byte[] {(byte) 0xc0, (byte) 0x80},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xe2, (byte) 0x82},
                new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
        for (byte[] bad : notUtf8) {
            RawHttp.Answer verify = RawHttp.send(
                    port,
                    post("/api/s/" + lockedToken + "/verify", bytes("{\"password\":\"correct horse", bad, "\"}")));
            assertThat(verify.status()).as(verify.text()).isEqualTo(400);
            assertThat(verify.body()).contains("\"code\":\"validation_failed\"");

            RawHttp.Answer create =
                    RawHttp.send(port, post("/api/shares", bytes("{\"item_id\":\"pub\",\"label\":\"x", bad, "\"}")));
            assertThat(create.status()).as(create.text()).isEqualTo(400);
            assertThat(create.body()).contains("\"code\":\"validation_failed\"");
        }
        // Jackson alone would take these as UTF-16 and UTF-32
        for (Charset wide :
                List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, Charset.forName("UTF-32LE"))) {
            RawHttp.Answer verify = RawHttp.send(
                    port,
                    post(
                            "/api/s/" + lockedToken + "/verify",
                            ("{\"password\":\"" + FakePublicShares.PASSWORD + "\"}").getBytes(wide)));
            assertThat(verify.status()).as(wide + ": " + verify.text()).isEqualTo(400);
        }
        assertThat(publicShares.lastVerifyClient).as("verify was never asked").isNull();
        assertThat(shares.shares).hasSize(2);
    }

    /** As PublicShareRoutes names it: sb_grant_ and the first 4 bytes of the token's SHA-256. */
    private static String grantCookieName(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sb_grant_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] post(String path, byte[] body) {
        return request("POST", path, "application/json", body);
    }

    private static byte[] request(String method, String path, String contentType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
