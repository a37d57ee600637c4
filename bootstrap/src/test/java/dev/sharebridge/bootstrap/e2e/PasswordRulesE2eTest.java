package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 9 through the real server: what a share password may be, and what verifies. */
class PasswordRulesE2eTest {
    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
        assertThat(http.put("/api/files/docs/report.txt", "report".getBytes(StandardCharsets.UTF_8), bearer(alice))
                        .status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response create(String rawJsonPassword) {
        return http.send(
                "POST",
                "/api/shares",
                ("{\"item_id\":\"docs\",\"password\":" + rawJsonPassword
                                + ",\"permissions\":{\"read\":true,\"reshare\":true}}")
                        .getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + alice);
    }

    @Test
    void theThreeFromTheIssueAreRefusedWithTheEstimatorsHint() {
        for (String weak : new String[] {"Password2024", "welcome2024", "qwertzuiop"}) {
            Http.Response r = create("\"" + weak + "\"");
            assertThat(r.status()).as(weak).isEqualTo(400);
            assertThat(r.code()).isEqualTo("validation_failed");
            assertThat(r.json().path("detail").asText())
                    .startsWith("password is too easy to guess: ")
                    .doesNotContain(weak);
        }
        assertThat(create("\"a long passphrase\"").status()).isEqualTo(201);
    }

    @Test
    void aLoneSurrogateIsRefusedAtCreationAndWrongAtVerify() {
        assertThat(create("\"\\ud800Qx7-harbour-lantern\"").status()).isEqualTo(400);
        JsonNode share = create("\"?Qx7-harbour-lantern\"").json();
        String verify = "/api/s/" + share.path("token").asText() + "/verify";
        Http.Response lone = http.send(
                "POST",
                verify,
                "{\"password\":\"\\ud800Qx7-harbour-lantern\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/json");
        assertThat(lone.status()).isEqualTo(401);
        assertThat(lone.code()).isEqualTo("invalid_password");
        assertThat(http.postJson(verify, Map.of("password", "?Qx7-harbour-lantern"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aLinksOwnTokenOrItsParentsIsNeverItsPassword() {
        JsonNode parent = create("\"a long passphrase\"").json();
        String token = parent.path("token").asText();
        Http.Response update =
                http.putJson("/api/shares/" + parent.path("id").asText(), Map.of("password", token), bearer(alice));
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.json().path("detail").asText()).contains("token").doesNotContain(token);

        String grant = http.postJson("/api/s/" + token + "/verify", Map.of("password", "a long passphrase"))
                .json()
                .path("grant")
                .asText();
        Http.Response reshare =
                http.postJson("/api/s/" + token + "/shares", Map.of("password", "x" + token), "X-Share-Grant", grant);
        assertThat(reshare.status()).isEqualTo(400);
        assertThat(reshare.json().path("detail").asText()).contains("token").doesNotContain(token);
    }
}
