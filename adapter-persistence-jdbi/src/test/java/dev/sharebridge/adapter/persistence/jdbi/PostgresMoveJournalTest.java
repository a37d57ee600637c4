package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.MoveJournalContract;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MoveJournal contract on PostgreSQL, in a schema of this class's own. */
class PostgresMoveJournalTest extends MoveJournalContract {
    private static PostgresSchema schema;
    private static JdbiPersistence db;

    @BeforeAll
    static void open() throws SQLException {
        schema = PostgresSchema.create();
        db = schema.open();
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (schema != null) {
            schema.close();
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
