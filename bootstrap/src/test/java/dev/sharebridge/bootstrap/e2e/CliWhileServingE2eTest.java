package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code users} commands in a separate JVM while the server runs on the same embedded H2
 * file database (docs/reference.md §2: the embedded database must not lock the CLI out).
 */
class CliWhileServingE2eTest {
    @TempDir
    Path dir;

    @Test
    void usersAddedByTheCliWhileTheServerRunsCanUseItAtOnce() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            Http http = server.http();
            String alice = server.addUser("alice");
            String config = server.configFile().toString();

            JavaProcess add = JavaProcess.run(dir, "users", "add", "bob", "--config", config);
            assertThat(add.awaitExit(JavaProcess.STARTUP)).as(add.output()).isZero();
            List<String> out = add.stdout();
            assertThat(out).as(add.output()).isNotEmpty();
            String bob = out.get(out.size() - 1);
            assertThat(bob).isNotBlank().doesNotContain(" ").isNotEqualTo(alice);
            assertThat(add.printedAStackTrace()).as(add.output()).isFalse();

            JavaProcess list = JavaProcess.run(dir, "users", "list", "--config", config);
            assertThat(list.awaitExit(JavaProcess.STARTUP)).as(list.output()).isZero();
            assertThat(list.stdout())
                    .as(list.output())
                    .anySatisfy(l -> assertThat(l).startsWith("alice\t"))
                    .anySatisfy(l -> assertThat(l).startsWith("bob\t"))
                    .hasSize(2);

            // the running server knows bob at once
            byte[] body = "bob was here".getBytes(StandardCharsets.UTF_8);
            Http.Response uploaded = http.put("/api/files/hello.txt", body, bearer(bob));
            assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
            assertThat(http.get("/api/files/hello.txt", bearer(bob)).body()).isEqualTo(body);
            assertThat(http.get("/api/files/hello.txt", bearer(alice)).status()).isEqualTo(404);

            Http.Response share = http.postJson("/api/shares", Map.of("item_id", "hello.txt"), bearer(bob));
            assertThat(share.status()).as("%s", share).isEqualTo(201);
            String link = "/api/s/" + share.json().path("token").asText();
            assertThat(http.get(link + "/download").body()).isEqualTo(body);

            JavaProcess check = JavaProcess.run(dir, "check-config", "--config", config);
            assertThat(check.awaitExit(JavaProcess.STARTUP)).as(check.output()).isZero();
            assertThat(check.stdout())
                    .as(check.output())
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(l).startsWith("ok "));

            JavaProcess remove = JavaProcess.run(dir, "users", "remove", "bob", "--config", config);
            assertThat(remove.awaitExit(JavaProcess.STARTUP))
                    .as(remove.output())
                    .isZero();
            assertThat(http.get("/api/folders", bearer(bob)).status()).isEqualTo(401);
            assertThat(http.get(link).status()).as("bob's links went with him").isEqualTo(404);
            assertThat(http.get("/api/folders", bearer(alice)).status()).isEqualTo(200);
            assertThat(http.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void addingAUserTwiceFailsWithOneLineAndExitCodeOne() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            server.addUser("alice");

            JavaProcess again = JavaProcess.run(
                    dir,
                    "users",
                    "add",
                    "alice",
                    "--config",
                    server.configFile().toString());

            assertThat(again.awaitExit(JavaProcess.STARTUP)).as(again.output()).isEqualTo(1);
            assertThat(again.stderr())
                    .as(again.output())
                    .singleElement()
                    .satisfies(l -> assertThat(l).startsWith("sharebridge: cannot add user alice"));
            assertThat(again.printedAStackTrace()).as(again.output()).isFalse();
        }
    }

    @Test
    void aNewTokenFromTheCliWorksAtOnceInTheRunningServerAndTheOldOneDiesFilesStay() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            Http http = server.http();
            String old = server.addUser("alice");
            byte[] body = "kept".getBytes(StandardCharsets.UTF_8);
            assertThat(http.put("/api/files/kept.txt", body, bearer(old)).status())
                    .isEqualTo(201);
            String link = "/api/s/"
                    + http.postJson("/api/shares", Map.of("item_id", "kept.txt"), bearer(old))
                            .json()
                            .path("token")
                            .asText();

            JavaProcess token = JavaProcess.run(
                    dir,
                    "users",
                    "token",
                    "alice",
                    "--config",
                    server.configFile().toString());

            assertThat(token.awaitExit(JavaProcess.STARTUP)).as(token.output()).isZero();
            List<String> out = token.stdout();
            String renewed = out.get(out.size() - 1);
            assertThat(renewed).matches("sb_[A-Za-z0-9_-]{43}").isNotEqualTo(old);
            assertThat(token.output()).doesNotContain(old);
            assertThat(http.get("/api/folders", bearer(old)).status()).isEqualTo(401);
            assertThat(http.get("/api/files/kept.txt", bearer(renewed)).body()).isEqualTo(body);
            assertThat(http.get(link + "/download").body())
                    .as("the user's links stay")
                    .isEqualTo(body);

            JavaProcess unknown = JavaProcess.run(
                    dir,
                    "users",
                    "token",
                    "nobody",
                    "--config",
                    server.configFile().toString());
            assertThat(unknown.awaitExit(JavaProcess.STARTUP))
                    .as(unknown.output())
                    .isEqualTo(1);
            assertThat(unknown.stderr())
                    .singleElement()
                    .satisfies(l -> assertThat(l).startsWith("sharebridge: cannot issue a token for user nobody"));
        }
    }
}
