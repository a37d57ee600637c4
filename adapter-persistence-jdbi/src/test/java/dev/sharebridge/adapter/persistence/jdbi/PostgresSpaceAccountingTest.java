package dev.sharebridge.adapter.persistence.jdbi;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The accounting of quotas and link limits on PostgreSQL, in a schema of this class's own. */
class PostgresSpaceAccountingTest extends JdbiSpaceAccountingTests {
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
    protected JdbiPersistence db() {
        return db;
    }
}
