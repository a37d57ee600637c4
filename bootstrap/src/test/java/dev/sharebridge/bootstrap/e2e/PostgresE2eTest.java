package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
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
    private static final String SERVER_URL = env("SHAREBRIDGE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("SHAREBRIDGE_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("SHAREBRIDGE_TEST_PG_PASSWORD", "");

    @TempDir
    Path dir;

    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        schema = "sb_e2e_" + HexFormat.of().formatHex(random);
        execute("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void usersFilesAndSharesWorkOnPostgresql() throws Exception {
        String url = SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        String toml = String.join("\n",
                E2eServer.secretKeyLine(),
                "[database]",
                "url = '" + url + "'",
                "username = '" + USER + "'",
                "password = '" + PASSWORD + "'",
                "");
        byte[] report = "on postgres".getBytes(StandardCharsets.UTF_8);

        try (E2eServer server = E2eServer.start(dir, toml)) {
            Http http = server.http();
            String alice = server.addUser("alice");
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.put("/api/files/docs/report.txt", report, bearer(alice)).status()).isEqualTo(201);

            Http.Response created = http.postJson("/api/shares", Map.of("item_id", "docs/report.txt",
                    "password", "a long passphrase", "max_accesses", 2), bearer(alice));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            JsonNode share = created.json();
            String token = share.path("token").asText();

            assertThat(http.get("/api/s/" + token).code()).isEqualTo("password_required");
            Http.Response verified = http.postJson("/api/s/" + token + "/verify",
                    Map.of("password", "a long passphrase"));
            assertThat(verified.status()).as("%s", verified).isEqualTo(200);
            String grant = verified.json().path("grant").asText();
            assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant).status()).isEqualTo(200);
            assertThat(http.get("/api/s/" + token + "/download", "X-Share-Grant", grant).body()).isEqualTo(report);
            assertThat(http.get("/api/s/" + token, "X-Share-Grant", grant).status()).isEqualTo(404);
            assertThat(http.get("/api/shares/" + share.path("id").asText(), bearer(alice)).json()
                    .path("access_count").asLong()).isEqualTo(2);
        }
        // the rows really are in PostgreSQL, in this test's schema
        assertThat(count("SELECT COUNT(*) FROM " + schema + ".users")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM " + schema + ".shares")).isEqualTo(1);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
