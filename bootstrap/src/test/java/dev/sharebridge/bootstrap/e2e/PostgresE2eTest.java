package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.adapter.persistence.jdbi.PostgresSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL, in a schema of its own that is dropped afterwards. PostgreSQL is
 * required (README: the test command needs it): when it does not answer, this test fails.
 */
class PostgresE2eTest {
    @TempDir
    Path dir;

    private PostgresSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresSchema.create();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }

    @Test
    void usersFilesAndSharesWorkOnPostgresql() throws Exception {
        String toml = E2eServer.secretKeyLine() + "\n" + E2eServer.databaseToml(schema.url());
        byte[] report = "on postgres".getBytes(StandardCharsets.UTF_8);

        try (E2eServer server = E2eServer.start(dir, toml)) {
            Http http = server.http();
            String alice = server.addUser("alice");
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.put("/api/files/docs/report.txt", report, bearer(alice))
                            .status())
                    .isEqualTo(201);

            Http.Response created = http.postJson(
                    "/api/shares",
                    Map.of("item_id", "docs/report.txt", "password", "a long passphrase", "max_accesses", 2),
                    bearer(alice));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            JsonNode share = created.json();
            String token = share.path("token").asText();

            assertThat(http.get("/api/s/" + token).code()).isEqualTo("password_required");
            Http.Response verified =
                    http.postJson("/api/s/" + token + "/verify", Map.of("password", "a long passphrase"));
            assertThat(verified.status()).as("%s", verified).isEqualTo(200);
            String grant = verified.json().path("grant").asText();
            assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant).status())
                    .isEqualTo(200);
            assertThat(http.get("/api/s/" + token + "/download", "X-Share-Grant", grant)
                            .body())
                    .isEqualTo(report);
            assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant).status())
                    .isEqualTo(404);
            assertThat(http.get("/api/shares/" + share.path("id").asText(), bearer(alice))
                            .json()
                            .path("access_count")
                            .asLong())
                    .isEqualTo(2);
        }
        // the rows really are in PostgreSQL, in this test's schema
        assertThat(count("SELECT COUNT(*) FROM " + schema.name() + ".users")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM " + schema.name() + ".shares")).isEqualTo(1);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        PostgresSchema.SERVER_URL, PostgresSchema.USER, PostgresSchema.PASSWORD);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }
}
