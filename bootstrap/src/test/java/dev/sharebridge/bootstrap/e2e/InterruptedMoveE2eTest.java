package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a server killed between the storage move of an item with share links and the commit of
 * the links' new paths leaves behind, made by hand while the server is stopped (the item moved on
 * the disk, the move's record in {@code move_journal}, the links on the old path): the next start
 * finishes the move before it serves, and the links open the item at its new place. A record of
 * a move that never reached the storage is dropped and its links stay. See docs/architecture.md,
 * "Moving items with share links", and docs/operations.md, "After a crash".
 */
class InterruptedMoveE2eTest {
    /** The instance of the killed process: no row in {@code instances} (its lease ran out and was removed). */
    private static final String DEAD_INSTANCE = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void theNextStartFinishesAMoveThatWasKilledBeforeItsLinksFollowed() throws Exception {
        String alice;
        JsonNode onFolder;
        JsonNode onFile;
        JsonNode onKept;
        String owner;
        try (E2eServer server = E2eServer.start(dir)) {
            Http http = server.http();
            alice = server.addUser("alice");
            upload(http, alice, "docs/sub/a.txt", "inside");
            upload(http, alice, "kept/b.txt", "kept");
            onFolder = share(http, alice, "docs");
            onFile = share(http, alice, "docs/sub/a.txt");
            onKept = share(http, alice, "kept");
        }
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT created_by FROM shares")) {
            assertThat(r.next()).isTrue();
            owner = r.getString(1);
        }
        Path space = dir.resolve("data/files/users").resolve(owner);
        assertThat(space.resolve("docs/sub/a.txt")).exists();

        // the storage moved the item, then the process died: without a record the links stay behind
        Files.createDirectories(space.resolve("archive"));
        Files.move(space.resolve("docs"), space.resolve("archive/2026"));
        try (E2eServer server = E2eServer.start(dir)) {
            assertThat(server.http()
                            .get("/api/s/" + onFile.get("token").asText() + "/download")
                            .status())
                    .isEqualTo(404);
        }

        // the same crash as it is now: the record written before the storage move is still there
        try (Connection c = database()) {
            record(c, "11111111-1111-1111-1111-111111111111", owner, "/docs", "/archive/2026");
            // a move killed before it reached the storage: kept/ never moved
            record(c, "22222222-2222-2222-2222-222222222222", owner, "/kept", "/elsewhere");
        }
        try (E2eServer server = E2eServer.start(dir)) {
            Http http = server.http();
            assertThat(http.get("/api/s/" + onFile.get("token").asText() + "/download")
                            .text())
                    .isEqualTo("inside");
            Http.Response listing = http.get("/api/s/" + onFolder.get("token").asText() + "/list/sub");
            assertThat(listing.status()).as("%s", listing).isEqualTo(200);
            assertThat(itemId(http, alice, onFolder)).isEqualTo("archive/2026");
            assertThat(itemId(http, alice, onFile)).isEqualTo("archive/2026/sub/a.txt");
            assertThat(itemId(http, alice, onKept)).isEqualTo("kept");
            assertThat(http.get("/api/s/" + onKept.get("token").asText() + "/list")
                            .status())
                    .isEqualTo(200);
        }
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM move_journal")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isZero();
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:h2:file:" + dir.resolve("data/db/sharebridge").toAbsolutePath() + ";AUTO_SERVER=TRUE", "", "");
    }

    private static void record(Connection c, String id, String owner, String from, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO move_journal (id, owner_id, from_path, to_path, instance_id, started_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setString(3, from);
            ps.setString(4, to);
            ps.setString(5, DEAD_INSTANCE);
            ps.setLong(6, System.currentTimeMillis());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static void upload(Http http, String token, String path, String content) {
        Http.Response r = http.put("/api/files/" + path, content.getBytes(StandardCharsets.UTF_8), bearer(token));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    private static JsonNode share(Http http, String token, String path) {
        Http.Response r = http.postJson("/api/shares", Map.of("item_id", path), bearer(token));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json();
    }

    private static String itemId(Http http, String token, JsonNode share) {
        Http.Response r = http.get("/api/shares/" + share.get("id").asText(), bearer(token));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("item_id").asText();
    }
}
