package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, migrating and sharing the embedded H2 database. */
class H2PersistenceTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");

    @TempDir
    Path dir;

    private static User user(String name) {
        return new User(UserId.of(name), name.repeat(64).substring(0, 64), T0);
    }

    @Test
    void migrationsRunOnceAndReopeningKeepsTheData() {
        String url = TestDatabases.h2FileUrl(dir);
        try (JdbiPersistence first = JdbiPersistence.open(url, "", "")) {
            assertThat(TestDatabases.appliedMigrations(first)).isEqualTo(10);
            first.users().add(user("alice"));
        }

        try (JdbiPersistence again = JdbiPersistence.open(url, "", "")) {
            assertThat(TestDatabases.appliedMigrations(again)).isEqualTo(10);
            assertThat(again.users().findById(UserId.of("alice"))).contains(user("alice"));
            // the V3 tables exist for the rooms feature
            assertThat(TestDatabases.roomRows(again)).isZero();
        }
    }

    @Test
    void twoInstancesOnOneFileWorkAtTheSameTime() {
        String url = TestDatabases.h2FileUrl(dir);
        try (JdbiPersistence server = JdbiPersistence.open(url, "", "");
                JdbiPersistence cli = JdbiPersistence.open(url, "", "")) {
            cli.users().add(user("alice"));
            Share share = new Share(
                    ShareId.random(),
                    ItemPath.parse("/a"),
                    ItemType.FOLDER,
                    Optional.empty(),
                    ShareToken.generate(new SecureRandom()),
                    Optional.empty(),
                    Optional.empty(),
                    SharePermissions.DEFAULT,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    Optional.empty(),
                    T0,
                    UserId.of("alice"),
                    Optional.empty());
            server.shares().insert(share);

            assertThat(server.users().findById(UserId.of("alice"))).isPresent();
            assertThat(cli.shares().findById(share.id())).contains(share);
            assertThat(cli.shares().recordAccess(LinkChain.of(share), T0.plusSeconds(1)))
                    .isTrue();
            assertThat(server.shares().findById(share.id()).orElseThrow().accessCount())
                    .isEqualTo(1);
            server.ping();
            cli.ping();
        }
    }

    @Test
    void anotherProcessCanUseTheDatabaseWhileItIsOpen() throws Exception {
        String url = TestDatabases.h2FileUrl(dir);
        try (JdbiPersistence server = JdbiPersistence.open(url, "", "")) {
            server.users().add(user("alice"));

            Process cli = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            SecondProcess.class.getName(),
                            url,
                            "bob")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // a guard against a hung child, not a speed requirement
            assertThat(cli.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(cli.exitValue()).as(output).isZero();
            assertThat(output).contains("user alice", "user bob");
            assertThat(server.users().findById(UserId.of("bob"))).isPresent();
        }
    }

    @Test
    void fileUrlsGetAutoServerNoRetentionAndTheirDirectory() throws IOException {
        Path missing = dir.resolve("not/yet/there");
        String url = "jdbc:h2:file:" + missing.resolve("db");

        assertThat(JdbiPersistence.prepareH2FileUrl(url)).isEqualTo(url + ";AUTO_SERVER=TRUE;RETENTION_TIME=0");
        assertThat(Files.isDirectory(missing)).isTrue();
        String plain = "jdbc:h2:" + dir.resolve("plain/db") + ";MODE=Regular";
        assertThat(JdbiPersistence.prepareH2FileUrl(plain)).isEqualTo(plain + ";AUTO_SERVER=TRUE;RETENTION_TIME=0");
        assertThat(Files.isDirectory(dir.resolve("plain"))).isTrue();
        String own = "jdbc:h2:file:" + dir.resolve("own/db") + ";retention_time=45000";
        assertThat(JdbiPersistence.prepareH2FileUrl(own)).isEqualTo(own + ";AUTO_SERVER=TRUE");
    }

    @Test
    void otherUrlsStayAsTheyAre() {
        for (String url : new String[] {
            "jdbc:h2:mem:x",
            "jdbc:h2:tcp://localhost/~/db",
            "jdbc:postgresql://127.0.0.1:5432/test",
            "jdbc:h2:file:" + dir.resolve("db") + ";auto_server=false;RETENTION_TIME=1000"
        }) {
            assertThat(JdbiPersistence.prepareH2FileUrl(url)).isEqualTo(url);
        }
    }

    @Test
    void statementErrorsDoNotQuoteBoundValues() {
        try (JdbiPersistence db = JdbiPersistence.open("jdbc:h2:mem:errors-" + System.nanoTime(), "", "")) {
            ShareToken token = ShareToken.generate(new SecureRandom());
            db.jdbi().useHandle(h -> h.execute("DROP TABLE shares CASCADE"));

            assertThatThrownBy(() -> db.shares().findByToken(token)).satisfies(e -> {
                StringBuilder all = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    all.append(t).append('\n');
                }
                assertThat(all.toString())
                        .contains("FROM shares WHERE token = ?")
                        .doesNotContain(token.value());
            });
        }
    }

    @Test
    void pingFailsOnceClosed() {
        JdbiPersistence db = JdbiPersistence.open("jdbc:h2:mem:ping-" + System.nanoTime(), "", "");
        db.ping();

        db.close();

        assertThatThrownBy(db::ping).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void openingAnUnreachableDatabaseFails() {
        assertThatThrownBy(() -> JdbiPersistence.open("jdbc:postgresql://127.0.0.1:1/none", "postgres", ""))
                .isInstanceOf(RuntimeException.class);
    }
}
