package dev.sharebridge.adapter.persistence.jdbi;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tickets, the participant registry and claim takeover on PostgreSQL, in a schema of this class's own. */
class PostgresMeetingStoreTest extends JdbiMeetingStoreTests {
    private static PostgresSchema schema;
    private static JdbiPersistence db;
    private static JdbiPersistence second;

    @BeforeAll
    static void open() throws SQLException {
        schema = PostgresSchema.create();
        db = schema.open();
        second = schema.open();
    }

    @AfterAll
    static void close() throws SQLException {
        if (second != null) {
            second.close();
        }
        if (db != null) {
            db.close();
        }
        if (schema != null) {
            schema.close();
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
