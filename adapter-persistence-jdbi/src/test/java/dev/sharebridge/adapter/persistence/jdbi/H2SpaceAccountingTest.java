package dev.sharebridge.adapter.persistence.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The accounting of quotas and link limits on an H2 file database of this class's own. */
class H2SpaceAccountingTest extends JdbiSpaceAccountingTests {
    @TempDir
    static Path dir;

    private static JdbiPersistence db;

    @BeforeAll
    static void open() {
        db = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "");
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected JdbiPersistence db() {
        return db;
    }
}
