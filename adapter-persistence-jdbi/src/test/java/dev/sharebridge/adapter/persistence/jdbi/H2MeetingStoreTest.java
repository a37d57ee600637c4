package dev.sharebridge.adapter.persistence.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tickets, the participant registry and claim takeover on an H2 file database of this class's own. */
class H2MeetingStoreTest extends JdbiMeetingStoreTests {
    @TempDir
    static Path dir;

    private static JdbiPersistence db;
    private static JdbiPersistence second;

    @BeforeAll
    static void open() {
        db = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "");
        // AUTO_SERVER: the second pool reaches the same file, as the CLI does beside the server
        second = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "");
    }

    @AfterAll
    static void close() {
        if (second != null) {
            second.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Override
    JdbiPersistence db() {
        return db;
    }

    @Override
    JdbiPersistence secondInstance() {
        return second;
    }
}
