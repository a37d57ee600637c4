package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route that reads its body as JSON refuses, before it does anything, a body whose
 * {@code Content-Type} is not JSON ({@code 415 unsupported_media_type}): a browser sends a
 * {@code text/plain} or form body to another site without asking it first, a JSON one it does not.
 * {@code application/json} (with {@code charset=utf-8} or none) and {@code application/*+json}
 * are JSON; a body without a {@code Content-Type} is not, while no body at all still is allowed
 * where the route takes an empty object.
 */
class JsonMediaTypeE2eTest {
    private static final String PASSWORD = "blue-harbour-lantern-42";

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;
    private String shareId;
    private String token;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
        assertThat(http.put("/api/files/inbox/a.txt", new byte[] {1}, bearer(alice))
                        .status())
                .isEqualTo(201);
        Http.Response created = http.postJson(
                "/api/shares",
                Map.of(
                        "item_id",
                        "inbox",
                        "password",
                        PASSWORD,
                        "permissions",
                        Map.of("read", true, "write", true, "reshare", true)),
                bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        shareId = created.json().path("id").asText();
        token = created.json().path("token").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response send(String method, String path, String body, String contentType, String... more) {
        List<String> headers = new java.util.ArrayList<>(List.of(more));
        if (contentType != null) {
            headers.add("Content-Type");
            headers.add(contentType);
        }
        return http.send(
                method,
                path,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                headers.toArray(String[]::new));
    }

    @Test
    void aTextPlainReshareIs415AndMakesNoLink() {
        String grant = http.postJson("/api/s/" + token + "/verify", Map.of("password", PASSWORD))
                .json()
                .path("grant")
                .asText();

        Http.Response r = send(
                "POST", "/api/s/" + token + "/shares", "{\"label\":\"sneaky\"}", "text/plain", "X-Share-Grant", grant);

        assertUnsupported(r);
        assertThat(r.header("Cache-Control")).hasValue("no-store");
        assertThat(links()).isEqualTo(1);
        Http.Response json = send(
                "POST",
                "/api/s/" + token + "/shares",
                "{\"label\":\"fine\"}",
                "application/json; charset=utf-8",
                "X-Share-Grant",
                grant);
        assertThat(json.status()).as("%s", json).isEqualTo(201);
        assertThat(links()).isEqualTo(2);
    }

    @Test
    void everyJsonRouteRefusesABodyThatIsNotJson() {
        String create = "{\"item_id\":\"inbox\"}";
        for (String type : new String[] {
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
            "application/json; charset=iso-8859-1",
            "text/json",
            null
        }) {
            assertUnsupported(send("POST", "/api/shares", create, type, bearer(alice)));
            assertUnsupported(send("PUT", "/api/shares/" + shareId, "{\"label\":\"x\"}", type, bearer(alice)));
            assertUnsupported(send("POST", "/api/s/" + token + "/verify", "{\"password\":\"" + PASSWORD + "\"}", type));
            assertUnsupported(send("POST", "/v1/rooms", "{\"title\":\"t\"}", type, bearer(alice)));
            assertUnsupported(send(
                    "POST",
                    "/v1/rooms/00000000-0000-0000-0000-000000000000/start",
                    "{\"invite_code\":\"x\",\"display_name\":\"y\"}",
                    type));
        }
        assertThat(links()).isEqualTo(1);
        assertThat(http.get("/api/shares/" + shareId, bearer(alice))
                        .json()
                        .path("label")
                        .isNull())
                .isTrue();
        assertThat(http.get("/v1/rooms", bearer(alice)).json().path("items")).isEmpty();
    }

    @Test
    void aWrongMediaTypeIsRefusedBeforeTheBodyIsLookedAtOrAPasswordChecked() {
        // a password check would count a failure, and a right one would set the grant cookie
        Http.Response right =
                send("POST", "/api/s/" + token + "/verify", "{\"password\":\"" + PASSWORD + "\"}", "text/plain");
        assertUnsupported(right);
        assertThat(right.header("Set-Cookie")).isEmpty();
        Http.Response notEvenJson = send("POST", "/api/shares", "this is not json", "text/plain", bearer(alice));
        assertUnsupported(notEvenJson);
        assertThat(http.get("/metrics").text()).contains("sharebridge_share_verify_failures_total 0.0");
    }

    @Test
    void jsonInItsSpellingsAndNoBodyAtAllAreAccepted() {
        assertThat(send("POST", "/api/shares", "{\"item_id\":\"inbox\"}", "application/json", bearer(alice))
                        .status())
                .isEqualTo(201);
        assertThat(send(
                                "POST",
                                "/api/shares",
                                "{\"item_id\":\"inbox\"}",
                                "Application/JSON ; Charset=\"UTF-8\"",
                                bearer(alice))
                        .status())
                .isEqualTo(201);
        assertThat(send(
                                "PUT",
                                "/api/shares/" + shareId,
                                "{\"label\":\"merged\"}",
                                "application/merge-patch+json",
                                bearer(alice))
                        .status())
                .isEqualTo(200);
        assertThat(send("POST", "/v1/rooms", null, null, bearer(alice)).status())
                .as("no body: an empty object")
                .isEqualTo(201);
        assertThat(send("POST", "/v1/rooms", "", null, bearer(alice)).status()).isEqualTo(201);
    }

    @Test
    void routesThatTakeNoJsonAreNotAffected() {
        assertThat(send("PUT", "/api/files/inbox/b.txt", "plain text", "text/plain", bearer(alice))
                        .status())
                .isEqualTo(201);
        assertThat(send("POST", "/api/folders/inbox/sub", "", "text/plain", bearer(alice))
                        .status())
                .isEqualTo(201);
    }

    private void assertUnsupported(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(415);
        assertThat(r.code()).isEqualTo("unsupported_media_type");
        assertThat(r.json().path("title").asText()).isEqualTo("Unsupported Media Type");
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    private int links() {
        return http.get("/api/shares", bearer(alice)).json().path("items").size();
    }
}
