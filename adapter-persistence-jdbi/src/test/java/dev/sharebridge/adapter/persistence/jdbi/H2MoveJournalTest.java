package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.MoveJournalContract;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The MoveJournal contract on an H2 file database of this class's own. */
class H2MoveJournalTest extends MoveJournalContract {
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
    protected void emptyStore() {
        TestDatabases.empty(db);
    }

    @Override
    protected MoveJournal journal() {
        return db.moveJournal();
    }

    @Override
    protected ShareRepository shares() {
        return db.shares();
    }

    @Override
    protected ParticipantRegistry instances() {
        return db.participants();
    }
}
