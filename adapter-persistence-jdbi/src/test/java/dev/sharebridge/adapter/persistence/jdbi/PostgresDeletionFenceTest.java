package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFenceContract;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The DeletionFence contract on PostgreSQL, in a schema of this class's own. */
class PostgresDeletionFenceTest extends DeletionFenceContract {
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
    protected DeletionFence fence() {
        return db.deletionFence();
    }

    @Override
    protected ShareRepository shares() {
        return db.shares();
    }
}
