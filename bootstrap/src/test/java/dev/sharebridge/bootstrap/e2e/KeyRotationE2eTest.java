package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.adapter.persistence.jdbi.PostgresSchema;
import dev.sharebridge.bootstrap.cli.Cli;
import dev.sharebridge.bootstrap.security.AesGcmSecretBox;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replacing the server key as docs/operations.md ("Replacing the server key") describes, on the
 * real composition: a room's shared folder and a link grant made under key A, then the
 * configuration current = B, previous = A, then {@code rotate-key} (through the CLI, while the
 * server runs, twice), then B alone. The folder's link passwords open at every step; A's grant
 * counts while A is listed and is refused after.
 */
class KeyRotationE2eTest {
    @TempDir
    java.nio.file.Path dir;

    private PostgresSchema schema;
    private final String keyA = newKey();
    private final String keyB = newKey();

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aKeyIsReplacedWithoutBreakingTheRoomsLinks(String database) throws Exception {
        String databaseToml = database(database);
        String idB = new AesGcmSecretBox(Base64.getDecoder().decode(keyB), new SecureRandom()).keyId();
        JsonNode folder;
        String readToken;
        String grantA;
        String grantB;
        String olga;
        String roomPath;
        List<String> sealed = new ArrayList<>();
        try (CapturedLog log = CapturedLog.attach()) {
            try (E2eServer underA = E2eServer.start(dir, "secret_key = '" + keyA + "'\n" + databaseToml)) {
                olga = underA.addUser("olga");
                Http.Response room = underA.http().postJson("/v1/rooms", Map.of("title", "Keys"), bearer(olga));
                assertThat(room.status()).as("%s", room).isEqualTo(201);
                roomPath = "/v1/rooms/" + room.json().path("id").asText() + "/shared_folder";
                Http.Response created = underA.http().put(roomPath, new byte[0], bearer(olga));
                assertThat(created.status()).as("%s", created).isEqualTo(201);
                folder = created.json();
                readToken = token(folder.at("/read/url").asText());
                grantA = verify(
                        underA.http(), readToken, folder.at("/read/password").asText());
                assertThat(opens(underA.http(), readToken, grantA)).isTrue();
            }
            // read while no server runs: an embedded H2 file is not opened twice in one JVM
            sealed.addAll(sealedColumns(database));

            String rotating = "secret_key = '" + keyB + "'\nprevious_secret_keys = ['" + keyA + "']\n";
            try (E2eServer underB = E2eServer.start(dir, rotating + databaseToml)) {
                assertThat(underB.http().get(roomPath, bearer(olga)).json())
                        .as("A's passwords open")
                        .isEqualTo(folder);
                assertThat(opens(underB.http(), readToken, grantA))
                        .as("A's grant counts")
                        .isTrue();
                grantB = verify(
                        underB.http(), readToken, folder.at("/read/password").asText());
                assertThat(grantB.split("\\.")[2]).isEqualTo(idB);

                E2eServer.CliRun first = underB.cli("rotate-key");
                assertThat(first.code()).as(first.stderr()).isEqualTo(Cli.OK);
                assertThat(first.stdout())
                        .first()
                        .isEqualTo("Sealed the link passwords of 1 of 1 shared folder anew with key " + idB + ".");
                E2eServer.CliRun second = underB.cli("rotate-key");
                assertThat(second.code()).as(second.stderr()).isEqualTo(Cli.OK);
                assertThat(second.stdout())
                        .first()
                        .isEqualTo("Sealed the link passwords of 0 of 1 shared folder anew" + " with key " + idB
                                + " (the others were sealed with it already).");
                assertThat(underB.http().get(roomPath, bearer(olga)).json())
                        .as("while serving")
                        .isEqualTo(folder);
            }
            List<String> resealed = sealedColumns(database);
            assertThat(resealed)
                    .hasSize(2)
                    .allSatisfy(value -> assertThat(value).startsWith("v2:" + idB + ":"))
                    .doesNotContainAnyElementsOf(sealed);
            sealed.addAll(resealed);

            try (E2eServer underBAlone = E2eServer.start(dir, "secret_key = '" + keyB + "'\n" + databaseToml)) {
                assertThat(underBAlone.http().get(roomPath, bearer(olga)).json())
                        .as("sealed anew: B opens them")
                        .isEqualTo(folder);
                assertThat(opens(underBAlone.http(), readToken, grantA))
                        .as("A dropped: its grant ends")
                        .isFalse();
                assertThat(opens(underBAlone.http(), readToken, grantB)).isTrue();
                String again = verify(
                        underBAlone.http(),
                        readToken,
                        folder.at("/read/password").asText());
                assertThat(opens(underBAlone.http(), readToken, again)).isTrue();
            }
            List<String> secrets = new ArrayList<>(List.of(
                    keyA,
                    keyB,
                    folder.at("/read/password").asText(),
                    folder.at("/read_write/password").asText()));
            secrets.addAll(sealed);
            assertThat(log.events())
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line)
                            .isEqualTo("server key " + idB + ", and 1 previous key that still open and verify"))
                    .allSatisfy(line -> assertThat(line).doesNotContain(secrets.toArray(String[]::new)));
        }
    }

    private String database(String database) throws SQLException {
        if (database.equals("h2")) {
            return "";
        }
        schema = PostgresSchema.create();
        return E2eServer.databaseToml(schema.url());
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static String verify(Http http, String token, String password) {
        Http.Response verified = http.postJson("/api/s/" + token + "/verify", Map.of("password", password));
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        return verified.json().path("grant").asText();
    }

    private static boolean opens(Http http, String token, String grant) {
        Http.Response opened = http.get("/api/s/" + token, "X-Share-Grant", grant);
        if (opened.status() == 200) {
            return true;
        }
        assertThat(opened.code()).as("%s", opened).isEqualTo("password_required");
        return false;
    }

    /** The stored sealed passwords, to check that none of them reaches the log. */
    private List<String> sealedColumns(String database) throws SQLException {
        String url = database.equals("h2")
                ? "jdbc:h2:file:" + dir.resolve("data/db/sharebridge").toAbsolutePath() + ";AUTO_SERVER=TRUE"
                : schema.url();
        try (Connection c = database.equals("h2")
                        ? DriverManager.getConnection(url, "", "")
                        : DriverManager.getConnection(url, PostgresSchema.USER, PostgresSchema.PASSWORD);
                Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT read_password_sealed, rw_password_sealed FROM shared_folders")) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
                values.add(rows.getString(2));
            }
            return values;
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
