package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Opening and migrating PostgreSQL, each test in a schema of its own. */
class PostgresPersistenceTest {

    @Test
    void migrationsRunOnceAndReopeningKeepsTheData() throws SQLException {
        try (PostgresSchema schema = PostgresSchema.create()) {
            User alice = new User(UserId.of("alice"), "ab".repeat(32), Instant.parse("2026-03-04T05:06:07.891Z"));
            try (JdbiPersistence first = schema.open()) {
                assertThat(TestDatabases.appliedMigrations(first)).isEqualTo(10);
                first.users().add(alice);
                first.ping();
            }
            try (JdbiPersistence again = schema.open()) {
                assertThat(TestDatabases.appliedMigrations(again)).isEqualTo(10);
                assertThat(again.users().findById(alice.id())).contains(alice);
                assertThat(TestDatabases.roomRows(again)).isZero();
            }
        }
    }

    @Test
    void tablesLiveInTheSchemaOfTheUrl() throws SQLException {
        try (PostgresSchema schema = PostgresSchema.create();
                JdbiPersistence db = schema.open()) {
            String where = db.jdbi()
                    .withHandle(h -> h.createQuery(
                                    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'shares' AND table_schema = :s")
                            .bind("s", schema.name())
                            .mapTo(String.class)
                            .one());
            assertThat(where).isEqualTo(schema.name());
        }
    }
}
