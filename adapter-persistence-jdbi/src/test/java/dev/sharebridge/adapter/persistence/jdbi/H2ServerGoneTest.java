package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 server that goes away under the repositories: they report it as DatabaseUnavailableException. */
class H2ServerGoneTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");

    @TempDir
    Path dir;

    @Test
    void callsOnAStoppedH2ServerFailAsDatabaseUnavailable() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString())
                .start();
        try (JdbiPersistence db = JdbiPersistence.open("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/sb", "", "")) {
            db.users().add(new User(UserId.of("alice"), "a".repeat(64), T0));
            server.stop();

            assertThatThrownBy(() -> db.users().findById(UserId.of("alice")))
                    .isInstanceOf(DatabaseUnavailableException.class);
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
            assertThatThrownBy(() -> db.shares().findByToken(share.token()))
                    .isInstanceOf(DatabaseUnavailableException.class);
        } finally {
            server.stop();
        }
    }
}
